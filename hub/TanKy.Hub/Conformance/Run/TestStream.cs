using TanKy.Protocol;
using TanKy.Protocol.Audio;
using TanKy.Protocol.Messages;
using TanKy.Protocol.Time;

namespace TanKy.Hub.Conformance.Run;

/// <summary>
/// A test stream: its own random id and epoch, <see cref="Frames"/> 20 ms frames from
/// <see cref="StartMicros"/>, five frames per message. Every frame is the 3-byte Opus packet
/// <c>F8 FF FE</c> (a 20 ms CELT frame of silence, the frame of protocol.md §8.1.5), so a test
/// plays nothing audible on a speaker in service.
/// </summary>
internal sealed class TestStream
{
    public const int FramesPerMessage = 5;
    public const long FrameMicros = 20_000;
    private static readonly ReadOnlyMemory<byte> Silence = new byte[] { 0xF8, 0xFF, 0xFE };

    public TestStream(RunContext r, int frames, TimeSpan lead, string @class = "normal", string codec = "opus")
    {
        Id = RunContext.NewId("cf-");
        Epoch = r.NextEpoch();
        Frames = frames;
        StartMicros = r.NowMicros + (long)lead.TotalMicroseconds;
        Class = @class;
        Codec = codec;
    }

    public string Id { get; }

    public uint Epoch { get; }

    public int Frames { get; }

    public long StartMicros { get; }

    public string Class { get; }

    public string Codec { get; }

    public int Messages => (Frames + FramesPerMessage - 1) / FramesPerMessage;

    /// <summary>Play-out end of the last frame, hub clock.</summary>
    public DateTimeOffset EndsAt => UnixMicros.ToInstant(StartMicros + (Frames * FrameMicros));

    public DateTimeOffset PlayoutOf(int message) => UnixMicros.ToInstant(StartMicros + (message * FramesPerMessage * FrameMicros));

    public PlayOrderMessage Play(RunContext r) => new()
    {
        V = ProtocolConstants.Version,
        Op = "play",
        Stream = Id,
        Class = Class,
        Codec = Codec,
        Start = StartMicros,
        Epoch = Epoch,
        Ts = r.Now.ToUnixTimeMilliseconds(),
    };

    public PlayOrderMessage Stop(RunContext r) => new() { V = ProtocolConstants.Version, Op = "stop", Stream = Id, Ts = r.Now.ToUnixTimeMilliseconds() };

    /// <summary>Message <paramref name="index"/> (0-based); the last one carries end-of-stream.</summary>
    public byte[] Message(int index)
    {
        var first = index * FramesPerMessage;
        var count = Math.Min(FramesPerMessage, Frames - first);
        var packets = Enumerable.Repeat(Silence, count).ToArray();
        var flags = index == Messages - 1 ? AudioFrameFlags.EndOfStream : AudioFrameFlags.None;
        return new AudioFrameMessage(StreamIdHash.Compute(Id), Epoch, (uint)first, StartMicros + (first * FrameMicros), packets, flags: flags).Encode();
    }

    public async Task SendPlayAsync(RunContext r, CancellationToken ct) =>
        await r.PublishAsync(r.Topics.ZonePlay(r.Zone!), ProtocolJson.Serialize(Play(r)), 1, ct);

    public async Task SendStopAsync(RunContext r, CancellationToken ct) =>
        await r.PublishAsync(r.Topics.ZonePlay(r.Zone!), ProtocolJson.Serialize(Stop(r)), 1, ct);

    public async Task SendAsync(RunContext r, int message, CancellationToken ct) =>
        await r.PublishAsync(r.Topics.Stream(Id), Message(message), 0, ct);

    public async Task SendAllAsync(RunContext r, CancellationToken ct)
    {
        for (var i = 0; i < Messages; i++)
        {
            await SendAsync(r, i, ct);
        }
    }
}
