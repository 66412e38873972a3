using System.Buffers;
using TanKy.Protocol.Audio;

namespace TanKy.Protocol.Tests.Audio;

public sealed class AudioFrameMessageTests
{
    [Fact]
    public void Golden_message_encodes_to_the_documented_bytes()
    {
        Convert.ToHexString(AudioFrameSamples.Golden().Encode()).Should().Be(AudioFrameSamples.GoldenHex);
    }

    [Fact]
    public void Golden_bytes_parse_to_the_documented_fields()
    {
        AudioFrameMessage.TryParse(AudioFrameSamples.GoldenBytes(), out var m, out var error).Should().BeTrue(error);

        m!.Codec.Should().Be(AudioCodec.Opus);
        m.Flags.Should().Be(AudioFrameFlags.None);
        m.StreamHash.Should().Be(0x0C5FF010u);
        m.Epoch.Should().Be(7u);
        m.FirstSequence.Should().Be(250u);
        m.FirstPlayoutMicros.Should().Be(1_767_225_600_000_000);
        m.FrameSamples.Should().Be(960);
        m.FrameDurationMicros.Should().Be(20_000);
        m.FrameCount.Should().Be(3);
        m.Packets[0].ToArray().Should().Equal(0xF8, 0xFF, 0xFE);
        m.Packets[1].Length.Should().Be(0);
        m.Packets[2].ToArray().Should().Equal(0xF8, 0x01);
        m.SequenceOf(2).Should().Be(252u);
        m.PlayoutMicrosOf(2).Should().Be(1_767_225_600_040_000);
    }

    [Fact]
    public void Round_trips_every_field_with_default_five_frames()
    {
        var rng = new Random(7);
        var packets = Enumerable.Range(0, AudioFrameFormat.DefaultFramesPerMessage)
            .Select(i => (ReadOnlyMemory<byte>)RandomBytes(rng, 40 + (i * 7)))
            .ToArray();
        var sent = new AudioFrameMessage(
            0xDEADBEEF, uint.MaxValue, 123_456, 42, packets, 1920, AudioFrameFlags.EndOfStream);

        var writer = new ArrayBufferWriter<byte>();
        var written = sent.Encode(writer);
        written.Should().Be(sent.EncodedLength);
        writer.WrittenSpan.ToArray().Should().Equal(sent.Encode());

        AudioFrameMessage.TryParse(writer.WrittenSpan, out var got, out var error).Should().BeTrue(error);
        got!.Encode().Should().Equal(sent.Encode());
        got.IsEndOfStream.Should().BeTrue();
        got.Epoch.Should().Be(uint.MaxValue);
        got.FrameDurationMicros.Should().Be(40_000);
        got.Packets.Select(p => p.ToArray()).Should().BeEquivalentTo(packets.Select(p => p.ToArray()), o => o.WithStrictOrdering());
    }

    [Fact]
    public void Copies_packets_so_later_changes_to_the_callers_buffer_do_not_leak_in()
    {
        var buffer = new byte[] { 1, 2, 3 };
        var m = new AudioFrameMessage(1, 1, 0, 0, [buffer]);
        buffer[0] = 99;
        m.Packets[0].Span[0].Should().Be(1);
    }

    [Fact]
    public void Reserved_flag_bits_are_kept_on_receipt()
    {
        var bytes = AudioFrameSamples.GoldenBytes();
        bytes[4] = 0x81;
        AudioFrameMessage.TryParse(bytes, out var m, out _).Should().BeTrue();
        m!.IsEndOfStream.Should().BeTrue();
        ((byte)m.Flags).Should().Be(0x81);
    }

    [Fact]
    public void Largest_message_within_the_limit_is_accepted()
    {
        // 28 + 6 × (2 + 1275) = 7690 bytes, then a seventh frame that fills up to exactly 8192.
        var packets = Enumerable.Repeat((ReadOnlyMemory<byte>)new byte[1275], 6).ToList();
        packets.Add(new byte[8192 - 7690 - 2]);
        var m = new AudioFrameMessage(1, 1, 0, 0, packets);
        m.EncodedLength.Should().Be(ProtocolConstants.MaxStreamPayloadBytes);
        AudioFrameMessage.TryParse(m.Encode(), out _, out var error).Should().BeTrue(error);
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(17, 10)]
    [InlineData(1, 1276)]
    [InlineData(7, 1275)] // 28 + 7 × 1277 = 8967 > 8192
    public void Constructor_refuses_what_a_node_would_drop(int frames, int packetBytes)
    {
        var packets = Enumerable.Repeat((ReadOnlyMemory<byte>)new byte[packetBytes], frames).ToList();
        var build = () => new AudioFrameMessage(1, 1, 0, 0, packets);
        build.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Constructor_refuses_bad_header_values()
    {
        ReadOnlyMemory<byte>[] one = [new byte[3]];
        FluentActions.Invoking(() => new AudioFrameMessage(1, 1, 0, -1, one)).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => new AudioFrameMessage(1, 1, 0, 0, one, frameSamples: 1000)).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => new AudioFrameMessage(1, 1, 0, 0, one, flags: (AudioFrameFlags)2)).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => new AudioFrameMessage(1, 1, 0, 0, one, codec: (AudioCodec)2)).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => new AudioFrameMessage(1, 1, uint.MaxValue, 0, [one[0], one[0]])).Should().Throw<ArgumentException>();
    }

    private static byte[] RandomBytes(Random rng, int length)
    {
        var bytes = new byte[length];
        rng.NextBytes(bytes);
        return bytes;
    }
}
