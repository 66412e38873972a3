using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace TanKy.Hub.Broadcasts.Relay.Sources;

/// <summary>What <c>sources check</c> found on one URL.</summary>
public sealed record RelayUrlCheck(
    string Url, bool Reachable, string? Codec, int? SampleRate, string? Channels, int? BitrateKbps, double? LoudnessLufs, string? Error);

/// <summary>The check of a source: each URL tried, in order, until one answers.</summary>
public sealed record RelaySourceCheck(string SourceId, bool Reachable, IReadOnlyList<RelayUrlCheck> Urls)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public RelayUrlCheck? Answered => Urls.FirstOrDefault(u => u.Reachable);
}

/// <summary>
/// Connects to a source's URLs in order and listens to the first that answers for a few seconds:
/// codec, sample rate, channels and bitrate from ffmpeg's description of the stream, integrated
/// loudness from ffmpeg's EBU R128 meter (<c>ebur128</c>). Broadcasts may not use the media
/// library's meter (it sits above), and ffmpeg's implements the same BS.1770 measure.
/// </summary>
public sealed partial class RelaySourceChecker(RelaySourceOptions options)
{
    public const int MaxSeconds = 120;

    public async Task<RelaySourceCheck> CheckAsync(RelaySource source, int seconds, CancellationToken ct)
    {
        seconds = Math.Clamp(seconds, 1, MaxSeconds);
        var results = new List<RelayUrlCheck>();
        foreach (var url in source.Urls)
        {
            var result = await CheckUrlAsync(url, seconds, ct);
            results.Add(result);
            if (result.Reachable)
            {
                break;
            }
        }

        return new RelaySourceCheck(source.Id, results.Any(r => r.Reachable), results);
    }

    private async Task<RelayUrlCheck> CheckUrlAsync(string url, int seconds, CancellationToken ct)
    {
        var shown = RelaySourceRules.Redact(url);
        using var process = new Process { StartInfo = FfmpegArguments.Probe(options.FfmpegPath, url, seconds, options.Stall) };
        try
        {
            process.Start();
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return new RelayUrlCheck(shown, false, null, null, null, null, null, ex.Message);
        }

        // A live stream delivers in real time: the listening time, the connection, and some slack.
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(TimeSpan.FromSeconds(seconds) + options.Stall + TimeSpan.FromSeconds(10));
        var stderr = new StringBuilder();
        // A pipe read does not see the token: killing ffmpeg is what ends it. The read has a thread of
        // its own (a pipe's ReadAsync would hold a pool thread for the whole listening time).
        using var onLimit = limit.Token.Register(() => Kill(process));
        try
        {
            await Task.Factory.StartNew(
                () =>
                {
                    try
                    {
                        while (process.StandardError.ReadLine() is { } line)
                        {
                            if (stderr.Length < 64 * 1024)
                            {
                                stderr.AppendLine(line);
                            }
                        }
                    }
                    catch (IOException)
                    {
                        // Killed mid-line: what was read is enough.
                    }
                },
                CancellationToken.None,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default);
            await process.WaitForExitAsync(limit.Token);
            limit.Token.ThrowIfCancellationRequested();
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            ct.ThrowIfCancellationRequested();
            return new RelayUrlCheck(shown, false, null, null, null, null, null, "timed out");
        }
        finally
        {
            Kill(process);
        }

        return Parse(shown, process.ExitCode, stderr.ToString());
    }

    /// <summary>Reads ffmpeg's stream line and loudness summary (internal for tests).</summary>
    internal static RelayUrlCheck Parse(string url, int exitCode, string log)
    {
        var stream = StreamLine().Match(log);
        var loudness = Integrated().Match(log);
        var reachable = exitCode == 0 && stream.Success;
        if (!reachable)
        {
            var error = log.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .LastOrDefault(l => !l.StartsWith('[') || l.Contains("error", StringComparison.OrdinalIgnoreCase)) ?? $"ffmpeg exit {exitCode}";
            return new RelayUrlCheck(url, false, null, null, null, null, null, RelaySourceRules.RedactText(error.Length > 300 ? error[..300] : error));
        }

        return new RelayUrlCheck(
            url,
            true,
            stream.Groups["codec"].Value,
            int.TryParse(stream.Groups["rate"].Value, CultureInfo.InvariantCulture, out var rate) ? rate : null,
            stream.Groups["layout"].Value.Trim(),
            int.TryParse(stream.Groups["kbps"].Value, CultureInfo.InvariantCulture, out var kbps) ? kbps : null,
            loudness.Success && double.TryParse(loudness.Groups["i"].Value, CultureInfo.InvariantCulture, out var lufs) ? lufs : null,
            null);
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Already gone.
        }
    }

    // "Stream #0:0: Audio: mp3 (mp3float), 48000 Hz, mono, fltp, 64 kb/s" (bitrate absent for some HLS streams).
    [GeneratedRegex(@"Stream #\d+:\d+[^:]*: Audio: (?<codec>[a-z0-9_]+)[^,]*, (?<rate>\d+) Hz, (?<layout>[^,\r\n]+)(?:, [^,\r\n]+)?(?:, (?<kbps>\d+) kb/s)?")]
    private static partial Regex StreamLine();

    // The summary at the end: "Integrated loudness:\n    I:         -23.0 LUFS".
    [GeneratedRegex(@"Integrated loudness:\s*I:\s*(?<i>-?\d+(?:\.\d+)?) LUFS")]
    private static partial Regex Integrated();
}
