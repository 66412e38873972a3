using System.Globalization;

namespace TanKy.Hub.Tests.Support;

/// <summary>
/// ffmpeg <c>lavfi</c> sources at a chosen loudness. A sine of peak A in one channel measures
/// 20·log10(A) − 3.01 LUFS (ITU-R BS.1770 at 1 kHz, where the K-weighting is about 0 dB), so the
/// amplitude for a target is 10^((L + 3.01) / 20).
/// </summary>
public static class TestTone
{
    public static double Amplitude(double lufs) => Math.Pow(10, (lufs + 3.01) / 20);

    /// <summary>An endless 48 kHz mono sine (<c>-f lavfi -i</c> argument) at <paramref name="lufs"/>.</summary>
    public static string Sine(double lufs, double frequency = 1000) =>
        string.Create(CultureInfo.InvariantCulture, $"aevalsrc={Amplitude(lufs):0.######}*sin(2*PI*{frequency}*t):s=48000:c=mono");
}
