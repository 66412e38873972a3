using System.Diagnostics;
using System.Globalization;

namespace TanKy.Hub.Broadcasts.Relay.Sources;

/// <summary>
/// The ffmpeg command lines for reading a source. The input is restricted by
/// <c>-protocol_whitelist</c>: http and https streams, the tcp and tls under them, and crypto for
/// AES-encrypted HLS segments. HLS playlists open their segments through the same whitelist, so a
/// playlist naming <c>file:</c> or <c>concat:</c> segments is refused by ffmpeg itself.
/// </summary>
internal static class FfmpegArguments
{
    public const string ProtocolWhitelist = "http,https,tcp,tls,crypto";

    public const int SampleRate = 48_000;

    public const int FrameSamples = 960;

    /// <summary>Decodes <paramref name="url"/> to 48 kHz mono f32le on stdout.</summary>
    public static ProcessStartInfo Decode(string ffmpeg, string url, TimeSpan ioTimeout)
    {
        var info = Start(ffmpeg, "error", url, ioTimeout);
        foreach (var a in new[] { "-vn", "-ac", "1", "-ar", SampleRate.ToString(CultureInfo.InvariantCulture), "-f", "f32le", "pipe:1" })
        {
            info.ArgumentList.Add(a);
        }

        info.RedirectStandardOutput = true;
        return info;
    }

    /// <summary>Reads <paramref name="seconds"/> of <paramref name="url"/> through the EBU R128 meter; the report is on stderr.</summary>
    public static ProcessStartInfo Probe(string ffmpeg, string url, int seconds, TimeSpan ioTimeout)
    {
        var info = Start(ffmpeg, "info", url, ioTimeout);
        foreach (var a in new[] { "-t", seconds.ToString(CultureInfo.InvariantCulture), "-vn", "-af", "ebur128=framelog=verbose", "-f", "null", "-" })
        {
            info.ArgumentList.Add(a);
        }

        return info;
    }

    private static ProcessStartInfo Start(string ffmpeg, string logLevel, string url, TimeSpan ioTimeout)
    {
        var info = new ProcessStartInfo(ffmpeg)
        {
            UseShellExecute = false,
            RedirectStandardError = true,
            RedirectStandardInput = false,
        };
        foreach (var a in new[]
        {
            "-nostdin", "-hide_banner", "-nostats", "-loglevel", logLevel,
            "-protocol_whitelist", ProtocolWhitelist,
            // The socket gives up after this long without data (µs), so a dead server ends the process.
            "-rw_timeout", ((long)ioTimeout.TotalMicroseconds).ToString(CultureInfo.InvariantCulture),
            "-i", RelaySourceRules.ForFfmpeg(url),
        })
        {
            info.ArgumentList.Add(a);
        }

        return info;
    }
}
