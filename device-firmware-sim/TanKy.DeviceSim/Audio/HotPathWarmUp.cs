using TanKy.DeviceSim.Clock;
using TanKy.Protocol.Audio;
using TanKy.Protocol.Messages;

namespace TanKy.DeviceSim.Audio;

/// <summary>
/// Plays one tiny silent stream through a private player, once per process, in the background
/// when the first speaker is created. A firmware's code is compiled; ours is JIT-compiled on first
/// use, and the first hand-over of the first real stream then compiled on the shared playout
/// thread while every other node waited behind it: measured 2.3 ms for the first node, 3.7 ms for
/// the rest. Running the real path once beforehand (WAV sink included) removes that.
/// </summary>
internal static class HotPathWarmUp
{
    private const string Stream = "warm-up";
    private static int _started;

    public static void Start()
    {
        if (Interlocked.Exchange(ref _started, 1) == 0)
        {
            _ = Task.Run(RunAsync);
        }
    }

    private static async Task RunAsync()
    {
        var file = Path.Combine(Path.GetTempPath(), $"tanky-sim-warm-up-{Environment.ProcessId}.wav");
        try
        {
            var view = new HubClockView(new NodeClock(TimeProvider.System, TimeSpan.Zero));
            var now = view.Clock.NowMicros;
            for (var i = 0; i < 64; i++)
            {
                view.Add(now, now, now, now);
            }

            var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using var player = new SpeakerPlayer(
                Stream, view, ["opus"], (_, _) => new WavFileSink(file), null, new AudioCounters(),
                n => _ = n.Kind == PlaybackNoticeKind.Finished && finished.TrySetResult());
            player.OnOrder(new PlayOrderMessage { V = 1, Op = "play", Stream = Stream });
            var silence = Enumerable.Repeat(ReadOnlyMemory<byte>.Empty, AudioFrameFormat.DefaultFramesPerMessage).ToList();
            var message = new AudioFrameMessage(StreamIdHash.Compute(Stream), 0, 0, view.Clock.NowMicros + 20_000, silence, flags: AudioFrameFlags.EndOfStream);
            player.OnFrames(Stream, message.Encode());
            await finished.Task.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception)
        {
            // Only a warm-up: the real streams work without it, just slower the first time.
        }
        finally
        {
            File.Delete(file);
        }
    }
}
