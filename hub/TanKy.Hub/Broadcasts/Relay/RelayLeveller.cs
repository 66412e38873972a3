using TanKy.Hub.Broadcasts.Sources;

namespace TanKy.Hub.Broadcasts.Relay;

/// <summary>
/// Levels a relay on the fly to <see cref="RelayOptions.TargetLufs"/>: a slow automatic gain
/// steered by the source's loudness (BS.1770 K-weighting, 400 ms blocks every 100 ms, gated like
/// integrated loudness), then <see cref="RelayLimiter"/>. Pure DSP on 20 ms frames, no clock.
/// <list type="bullet">
/// <item>The first block above the gate sets the estimate and the gain at once, so a relay is near
/// the target from its first second; after that the estimate follows with a
/// <see cref="TimeConstant"/> and the gain moves at most <see cref="SlewDbPerSecond"/>, so speech
/// keeps its dynamics and music does not pump.</item>
/// <item>Blocks under <see cref="RelayOptions.GateLufs"/> (silence, a gap) freeze the gain: the hiss of a
/// dead carrier is never pulled up. Blocks more than 10 LU under the estimate (pauses between
/// phrases) are left out like BS.1770's relative gate, unless that lasts <see cref="QuietHold"/>:
/// then the programme really got quieter and the estimate follows it.</item>
/// </list>
/// </summary>
internal sealed class RelayLeveller
{
    public static readonly TimeSpan TimeConstant = TimeSpan.FromSeconds(3);
    public const double SlewDbPerSecond = 3;
    public static readonly TimeSpan QuietHold = TimeSpan.FromSeconds(3);
    private const double RelativeGateLu = -10;
    private const int StepSamples = AudioSourceFormat.SampleRate / 10;
    private const int StepsPerBlock = 4;

    private readonly RelayKWeighting _weighting = new();
    private readonly RelayLimiter _limiter;
    private readonly double[] _steps = new double[StepsPerBlock];
    private readonly double _target;
    private readonly double _gate;
    private readonly double _maxGain;
    private readonly double _alpha = 1 - Math.Exp(-0.1 / TimeConstant.TotalSeconds);
    private readonly double _slewPerFrame = SlewDbPerSecond * AudioSourceFormat.FrameDuration.TotalSeconds;
    private double _stepSum;
    private int _stepFill;
    private long _stepCount;
    private double _estimate; // K-weighted mean square of the gated blocks; 0 until the first one
    private double _quietSeconds;
    private double _gainDb;
    private double _wantedDb;

    public RelayLeveller(RelayOptions options)
    {
        _target = options.TargetLufs;
        _gate = options.GateLufs;
        _maxGain = options.MaxGainDb;
        _limiter = new RelayLimiter((float)Math.Pow(10, options.PeakCeilingDbfs / 20));
    }

    /// <summary>The gain applied now, in dB.</summary>
    public double GainDb => _gainDb;

    /// <summary>The source's loudness as estimated (null until a block passed the gate).</summary>
    public double? SourceLufs => _estimate > 0 ? RelayKWeighting.ToLufs(_estimate) : null;

    /// <summary>Blocks that froze the gain (under the gate) so far.</summary>
    public long FrozenBlocks { get; private set; }

    /// <summary>Output delay in samples (the limiter's look-ahead).</summary>
    public int Delay => _limiter.Delay;

    /// <summary>Levels one frame in place.</summary>
    public void Process(Span<float> frame)
    {
        Measure(frame);
        var from = _gainDb;
        var to = _gainDb + Math.Clamp(_wantedDb - _gainDb, -_slewPerFrame, _slewPerFrame);
        _gainDb = to;

        // The gain ramps across the frame: a step at frame edges would be audible as a click.
        var g0 = Math.Pow(10, from / 20);
        var g1 = Math.Pow(10, to / 20);
        for (var i = 0; i < frame.Length; i++)
        {
            frame[i] = (float)(frame[i] * (g0 + ((g1 - g0) * (i + 1) / frame.Length)));
        }

        _limiter.Process(frame);
    }

    private void Measure(ReadOnlySpan<float> frame)
    {
        var at = 0;
        while (at < frame.Length)
        {
            var take = Math.Min(StepSamples - _stepFill, frame.Length - at);
            _stepSum += _weighting.Energy(frame.Slice(at, take));
            _stepFill += take;
            at += take;
            if (_stepFill == StepSamples)
            {
                _steps[_stepCount++ % StepsPerBlock] = _stepSum / StepSamples;
                _stepSum = 0;
                _stepFill = 0;
                if (_stepCount >= StepsPerBlock)
                {
                    Block(_steps.Average());
                }
            }
        }
    }

    private void Block(double meanSquare)
    {
        var lufs = RelayKWeighting.ToLufs(meanSquare);
        if (lufs < _gate)
        {
            FrozenBlocks++;
            _quietSeconds = 0;
            return;
        }

        if (_estimate <= 0)
        {
            _estimate = meanSquare;
            _wantedDb = Wanted();
            _gainDb = _wantedDb;
            return;
        }

        if (lufs < RelayKWeighting.ToLufs(_estimate) + RelativeGateLu)
        {
            _quietSeconds += 0.1;
            if (_quietSeconds < QuietHold.TotalSeconds)
            {
                return;
            }
        }
        else
        {
            _quietSeconds = 0;
        }

        _estimate += _alpha * (meanSquare - _estimate);
        _wantedDb = Wanted();
    }

    private double Wanted() => Math.Min(_maxGain, _target - RelayKWeighting.ToLufs(_estimate));
}
