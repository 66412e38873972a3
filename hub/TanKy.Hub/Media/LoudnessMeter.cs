namespace TanKy.Hub.Media;

/// <summary>
/// Integrated loudness of one channel per ITU-R BS.1770-4, fed in chunks so a 30-minute
/// recording never has to sit in memory: K-weighted energy is summed per 100 ms step; each
/// 400 ms gating block is four consecutive steps (75 % overlap); blocks are gated at −70 LUFS
/// absolute, then at −10 LU below the loudness of the blocks that passed.
/// Mono weighting G = 1: a 0 dBFS-peak 997 Hz sine reads −3.01 LUFS.
/// </summary>
internal sealed class LoudnessMeter
{
    private const double AbsoluteGateLufs = -70;
    private const double RelativeGateLu = -10;
    private const int StepsPerBlock = 4;

    private readonly Biquad _shelf;
    private readonly Biquad _highPass;
    private readonly int _stepSamples;
    private readonly double[] _recentSteps = new double[StepsPerBlock];
    private readonly List<double> _blockMeanSquares = [];
    private double _stepSum;
    private int _stepFill;
    private long _steps;
    private double _totalSum;
    private long _totalSamples;

    public LoudnessMeter(int sampleRate = MediaFormat.SampleRate)
    {
        _shelf = KWeighting.Shelf(sampleRate);
        _highPass = KWeighting.HighPass(sampleRate);
        _stepSamples = sampleRate / 10;
    }

    /// <summary>Gating blocks seen so far (before gating).</summary>
    public int BlockCount => _blockMeanSquares.Count;

    public void Add(ReadOnlySpan<float> samples)
    {
        foreach (var s in samples)
        {
            var y = _highPass.Process(_shelf.Process(s));
            var energy = y * y;
            _stepSum += energy;
            _totalSum += energy;
            _totalSamples++;
            if (++_stepFill == _stepSamples)
            {
                CloseStep();
            }
        }
    }

    /// <summary>
    /// Gated integrated loudness in LUFS; <see cref="double.NegativeInfinity"/> when nothing
    /// passes the absolute gate. Clips shorter than one 400 ms block are measured ungated over
    /// their whole length, so a short chime still gets a sensible gain.
    /// </summary>
    public double IntegratedLufs()
    {
        if (_blockMeanSquares.Count == 0)
        {
            return _totalSamples == 0 ? double.NegativeInfinity : Gate(_totalSum / _totalSamples);
        }

        var absolute = _blockMeanSquares.Where(z => ToLufs(z) > AbsoluteGateLufs).ToList();
        if (absolute.Count == 0)
        {
            return double.NegativeInfinity;
        }

        var relativeGate = ToLufs(absolute.Average()) + RelativeGateLu;
        var relative = absolute.Where(z => ToLufs(z) > relativeGate).ToList();
        return relative.Count == 0 ? double.NegativeInfinity : ToLufs(relative.Average());
    }

    internal static double ToLufs(double meanSquare) => meanSquare <= 0 ? double.NegativeInfinity : -0.691 + (10 * Math.Log10(meanSquare));

    private static double Gate(double meanSquare)
    {
        var lufs = ToLufs(meanSquare);
        return lufs > AbsoluteGateLufs ? lufs : double.NegativeInfinity;
    }

    private void CloseStep()
    {
        _recentSteps[_steps % StepsPerBlock] = _stepSum;
        _steps++;
        _stepSum = 0;
        _stepFill = 0;
        if (_steps >= StepsPerBlock)
        {
            _blockMeanSquares.Add(_recentSteps.Sum() / (_stepSamples * StepsPerBlock));
        }
    }
}
