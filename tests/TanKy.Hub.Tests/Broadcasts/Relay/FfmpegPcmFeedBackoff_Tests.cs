using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using TanKy.Hub.Broadcasts.Relay;
using TanKy.Hub.Broadcasts.Relay.Sources;

namespace TanKy.Hub.Tests.Broadcasts.Relay;

/// <summary>
/// The feed's reconnection schedule on the injected clock, with a stand-in for ffmpeg (a script
/// that notes the URL it was given and fails at once, like a station that refuses connections).
/// </summary>
public sealed class FfmpegPcmFeedBackoff_Tests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("tanky-backoff-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Failed_attempts_wait_one_second_doubling_to_the_limit_and_go_round_the_urls()
    {
        var starts = Path.Combine(_folder, "starts.txt");
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var options = new RelaySourceOptions { FfmpegPath = FailingFfmpeg(starts), InitialBackoffSeconds = 1, MaxBackoffSeconds = 4 };
        await using var feed = new FfmpegPcmFeed(new RelaySource("vov1", "VOV1", ["http://127.0.0.1:9/a.mp3", "http://127.0.0.1:9/b.mp3"], time.GetUtcNow()), options, time, NullLogger.Instance);

        await UntilAsync(() => Lines(starts).Length == 1);
        var waits = new List<double>();
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            waits.Add(await AdvanceUntilAsync(time, () => Lines(starts).Length > attempt));
        }

        // Each figure is the fake time advanced in 100 ms steps until the next start: the wait, plus at most a step or two.
        waits.Zip(new[] { 1.0, 2.0, 4.0, 4.0 }).Should().OnlyContain(w => w.First >= w.Second && w.First <= w.Second + 0.3, string.Join(", ", waits));
        Lines(starts).Should().Equal("http://127.0.0.1:9/a.mp3", "http://127.0.0.1:9/b.mp3", "http://127.0.0.1:9/a.mp3", "http://127.0.0.1:9/b.mp3", "http://127.0.0.1:9/a.mp3");
        feed.Status.Should().Be(new PcmFeedStatusReport(null, false, 0, null), "a source that never answered has no dropout");
    }

    private string FailingFfmpeg(string starts)
    {
        var script = Path.Combine(_folder, "ffmpeg");
        File.WriteAllText(script, $"#!/bin/sh\nwhile [ $# -gt 0 ]; do if [ \"$1\" = \"-i\" ]; then echo \"$2\" >> '{starts}'; fi; shift; done\nexit 1\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return script;
    }

    private static string[] Lines(string file) => File.Exists(file) ? File.ReadAllLines(file) : [];

    private static async Task UntilAsync(Func<bool> done)
    {
        for (var i = 0; i < 250 && !done(); i++)
        {
            await Task.Delay(20);
        }

        done().Should().BeTrue();
    }

    private static async Task<double> AdvanceUntilAsync(FakeTimeProvider time, Func<bool> done)
    {
        var advanced = TimeSpan.Zero;
        while (!done())
        {
            advanced.Should().BeLessThan(TimeSpan.FromSeconds(10));
            time.Advance(TimeSpan.FromMilliseconds(100));
            advanced += TimeSpan.FromMilliseconds(100);
            // Real time for the script to run and the feed to arm its next wait.
            for (var i = 0; i < 10 && !done(); i++)
            {
                await Task.Delay(5);
            }
        }

        return advanced.TotalSeconds;
    }
}
