using TanKy.Protocol.Audio;

namespace TanKy.EndToEnd.Tests.SimulatorAudio;

/// <summary>
/// Paces one broadcast's audio messages the way protocol.md §8 and DESIGN §4 describe: five
/// 20 ms frames per message, each message published a lead before its play-out time, the last
/// flagged end-of-stream. Tests bend it: a message sent after its play-out time, or the source
/// going silent after some messages. The waits here are the hub's pacing, not test outcomes.
/// </summary>
internal sealed record StandInBroadcast
{
    public required string Stream { get; init; }

    public required uint Epoch { get; init; }

    /// <summary>Hub-clock play-out time of frame 0.</summary>
    public required long StartMicros { get; init; }

    public IReadOnlyList<byte[]> Packets { get; init; } = TestProgramme.Voice.Packets;

    public int FramesPerMessage { get; init; } = 5;

    public TimeSpan Lead { get; init; } = TimeSpan.FromMilliseconds(400);

    /// <summary>Send only the first N messages, then go silent (no end-of-stream).</summary>
    public int? StopAfterMessages { get; init; }

    /// <summary>This message is held back and sent <see cref="LateBy"/> after its own play-out time.</summary>
    public int? LateMessage { get; init; }

    public TimeSpan LateBy { get; init; } = TimeSpan.FromMilliseconds(50);

    public int MessageCount => (Packets.Count + FramesPerMessage - 1) / FramesPerMessage;

    public long FrameMicros => AudioFrameFormat.SamplesToMicros(TestProgramme.FrameSamples);

    /// <summary>Message <paramref name="index"/> exactly as it goes on the wire.</summary>
    public byte[] Message(int index)
    {
        var first = index * FramesPerMessage;
        var frames = Packets.Skip(first).Take(FramesPerMessage).Select(p => (ReadOnlyMemory<byte>)p).ToList();
        var last = index == MessageCount - 1;
        return new AudioFrameMessage(
            StreamIdHash.Compute(Stream), Epoch, (uint)first, StartMicros + (first * FrameMicros), frames,
            flags: last ? AudioFrameFlags.EndOfStream : AudioFrameFlags.None).Encode();
    }

    public long PlayoutOfMessage(int index) => StartMicros + (index * FramesPerMessage * FrameMicros);

    /// <summary>Publishes every message at its time through <paramref name="hub"/>; returns when the last is out.</summary>
    public async Task RunAsync(StandInHub hub, CancellationToken ct = default)
    {
        var count = StopAfterMessages is { } n ? Math.Min(n, MessageCount) : MessageCount;
        var plan = Enumerable.Range(0, count)
            .Select(i => (Index: i, SendAt: i == LateMessage
                ? PlayoutOfMessage(i) + (long)LateBy.TotalMicroseconds
                : PlayoutOfMessage(i) - (long)Lead.TotalMicroseconds))
            .OrderBy(p => p.SendAt)
            .ToList();
        foreach (var (index, sendAt) in plan)
        {
            var wait = sendAt - hub.NowMicros;
            if (wait > 0)
            {
                await Task.Delay(TimeSpan.FromMicroseconds(wait), ct);
            }

            await hub.PublishAudioAsync(Stream, Message(index));
        }
    }
}
