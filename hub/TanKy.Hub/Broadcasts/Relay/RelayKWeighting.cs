namespace TanKy.Hub.Broadcasts.Relay;

/// <summary>
/// The BS.1770 K-weighting pre-filter at 48 kHz (the relay's only rate): the +4 dB high shelf
/// then the RLB high-pass, with the coefficients the standard tabulates for 48 kHz. Media has its
/// own (any rate, for files); Broadcasts sits below Media and cannot use it, and a relay needs
/// nothing but 48 kHz, so this is the small fixed-rate form.
/// </summary>
internal sealed class RelayKWeighting
{
    // Stage 1 (shelf) and stage 2 (high-pass), direct form II transposed in double precision:
    // the high-pass sits at 38 Hz, where float state loses accuracy.
    private const double S0 = 1.53512485958697, S1 = -2.69169618940638, S2 = 1.19839281085285, SA1 = -1.69065929318241, SA2 = 0.73248077421585;
    private const double HA1 = -1.99004745483398, HA2 = 0.99007225036621;

    private double _s1;
    private double _s2;
    private double _h1;
    private double _h2;

    /// <summary>Sum of the K-weighted squares of <paramref name="samples"/>.</summary>
    public double Energy(ReadOnlySpan<float> samples)
    {
        var sum = 0.0;
        foreach (var x in samples)
        {
            var y = (S0 * x) + _s1;
            _s1 = (S1 * x) - (SA1 * y) + _s2;
            _s2 = (S2 * x) - (SA2 * y);

            var z = y + _h1;
            _h1 = (-2 * y) - (HA1 * z) + _h2;
            _h2 = y - (HA2 * z);
            sum += z * z;
        }

        return sum;
    }

    /// <summary>Loudness of a K-weighted mean square (mono, G = 1).</summary>
    public static double ToLufs(double meanSquare) => meanSquare <= 0 ? double.NegativeInfinity : -0.691 + (10 * Math.Log10(meanSquare));

    public static double FromLufs(double lufs) => Math.Pow(10, (lufs + 0.691) / 10);
}
