using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace TanKy.EndToEnd.Tests.Audio;

/// <summary>Debian's ffprobe as an independent validator of the broadcast archive (installed by .ci/run).</summary>
internal static class Ffprobe
{
    private const string Path = "/usr/bin/ffprobe";

    /// <summary>The Opus stream's duration per ffprobe; fails when ffprobe reports any problem.</summary>
    public static async Task<double> DurationSecondsAsync(string file)
    {
        // Fail, not skip: without the validator the test would prove nothing.
        File.Exists(Path).Should().BeTrue("{0} validates Ogg Opus archives: .ci/run installs Debian's ffmpeg", Path);
        var psi = new ProcessStartInfo(Path) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-v", "error", "-show_streams", "-show_format", "-of", "json", file })
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        process.ExitCode.Should().Be(0, "ffprobe must accept the archive; stderr: {0}", await stderr);
        (await stderr).Should().BeEmpty("ffprobe -v error reports every problem it finds");
        using var json = JsonDocument.Parse(await stdout);
        var stream = json.RootElement.GetProperty("streams")[0];
        stream.GetProperty("codec_name").GetString().Should().Be("opus");
        var duration = json.RootElement.GetProperty("format").GetProperty("duration").GetString();
        return double.Parse(duration!, CultureInfo.InvariantCulture);
    }
}
