namespace TanKy.Hub.Media;

/// <summary>
/// The ITU-R BS.1770-4 K-weighting pre-filter: stage 1, a high-shelf of about +4 dB above
/// ~1.7 kHz (head effects); stage 2, the "RLB" high-pass at ~38 Hz. The standard only tabulates
/// 48 kHz coefficients; we rebuild them from the analogue prototype by the bilinear transform
/// so the same code is right at any rate, and a test checks them against the table at 48 kHz.
/// </summary>
internal static class KWeighting
{
    // Analogue prototype of the two stages, as fitted to the standard's 48 kHz table.
    private const double ShelfHz = 1681.974450955533;
    private const double ShelfGainDb = 3.999843853973347;
    private const double ShelfQ = 0.7071752369554196;
    private const double HighPassHz = 38.13547087602444;
    private const double HighPassQ = 0.5003270373238773;

    public static Biquad Shelf(int sampleRate)
    {
        var k = Math.Tan(Math.PI * ShelfHz / sampleRate);
        var vh = Math.Pow(10, ShelfGainDb / 20);

        // The shelf's mid-band gain is not the geometric mean of the two plateaus: the fitted exponent.
        var vb = Math.Pow(vh, 0.4996667741545416);
        var a0 = 1 + (k / ShelfQ) + (k * k);
        return new Biquad(
            (vh + (vb * k / ShelfQ) + (k * k)) / a0,
            2 * ((k * k) - vh) / a0,
            (vh - (vb * k / ShelfQ) + (k * k)) / a0,
            2 * ((k * k) - 1) / a0,
            (1 - (k / ShelfQ) + (k * k)) / a0);
    }

    /// <summary>The RLB high-pass. Its numerator is left as 1, −2, 1 exactly as the standard tabulates it.</summary>
    public static Biquad HighPass(int sampleRate)
    {
        var k = Math.Tan(Math.PI * HighPassHz / sampleRate);
        var a0 = 1 + (k / HighPassQ) + (k * k);
        return new Biquad(1, -2, 1, 2 * ((k * k) - 1) / a0, (1 - (k / HighPassQ) + (k * k)) / a0);
    }
}
