using System.Diagnostics;
using System.Text.Json;

namespace TanKy.Hub.Tests.Archive;

/// <summary>Debian's ffprobe/ffmpeg as independent Ogg Opus validators.</summary>
internal static class FfTools
{
    public const string FfprobePath = "/usr/bin/ffprobe";
    public const string FfmpegPath = "/usr/bin/ffmpeg";

    public static JsonDocument Probe(string file)
    {
        var (code, stdout, stderr) = Run(FfprobePath, "-v", "error", "-show_streams", "-show_format", "-of", "json", file);
        code.Should().Be(0, "ffprobe must accept the file; stderr: {0}", stderr);
        stderr.Should().BeEmpty("ffprobe -v error reports every problem it finds");
        return JsonDocument.Parse(stdout);
    }

    /// <summary>Decodes the whole file; returns ffmpeg's error output (empty when clean).</summary>
    public static string DecodeErrors(string file)
    {
        var (code, _, stderr) = Run(FfmpegPath, "-v", "error", "-i", file, "-f", "null", "-");
        code.Should().Be(0, "ffmpeg must decode the file; stderr: {0}", stderr);
        return stderr;
    }

    /// <summary>How many 48 kHz samples ffmpeg decodes after applying pre-skip and end trimming.</summary>
    public static long DecodedSamples(string file) => Decode(file).Length;

    /// <summary>The PCM ffmpeg decodes (48 kHz mono, pre-skip and end trimming applied).</summary>
    public static short[] Decode(string file)
    {
        RequireTool(FfmpegPath);
        var psi = new ProcessStartInfo(FfmpegPath) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-v", "error", "-i", file, "-f", "s16le", "-ac", "1", "-ar", "48000", "-" })
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi)!;
        var stderr = process.StandardError.ReadToEndAsync();
        using var sink = new MemoryStream();
        process.StandardOutput.BaseStream.CopyTo(sink);
        process.WaitForExit();
        process.ExitCode.Should().Be(0, "ffmpeg must decode the file; stderr: {0}", stderr.Result);
        var pcm = new short[sink.Length / 2];
        Buffer.BlockCopy(sink.ToArray(), 0, pcm, 0, pcm.Length * 2);
        return pcm;
    }

    private static void RequireTool(string tool) =>
        File.Exists(tool).Should().BeTrue(
            "{0} is needed to validate Ogg Opus archives: .ci/run must install Debian's ffmpeg package (apt-get install -y ffmpeg)", tool);

    private static (int Code, string Stdout, string Stderr) Run(string tool, params string[] args)
    {
        // Fail, not skip: a missing validator would silently turn these tests into no-ops.
        RequireTool(tool);
        var psi = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr);
    }
}
