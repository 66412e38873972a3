using System.Buffers.Binary;
using TanKy.Protocol.Audio;

namespace TanKy.Protocol.Tests.Audio;

/// <summary>Nodes parse whatever reaches stream/+: every bad input must give false, never an exception.</summary>
public sealed class AudioFrameParsingRobustnessTests
{
    [Fact]
    public void Every_truncation_of_a_valid_message_is_rejected()
    {
        var full = FiveFrameMessage().Encode();
        for (var length = 0; length < full.Length; length++)
        {
            RejectsWithoutThrowing(full.AsSpan(0, length)).Should().NotBeNull($"prefix of {length} bytes");
        }
    }

    [Fact]
    public void Oversized_payload_is_rejected_before_anything_else()
    {
        var big = new byte[ProtocolConstants.MaxStreamPayloadBytes + 1];
        AudioFrameSamples.GoldenBytes().CopyTo(big, 0);
        RejectsWithoutThrowing(big).Should().StartWith("too large");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(17)]
    [InlineData(255)]
    public void Frame_count_outside_1_to_16_is_rejected(byte count)
    {
        var bytes = AudioFrameSamples.GoldenBytes();
        bytes[5] = count;
        RejectsWithoutThrowing(bytes).Should().Contain("frame count");
    }

    [Fact]
    public void Length_prefix_that_overruns_the_message_is_rejected()
    {
        var bytes = AudioFrameSamples.GoldenBytes();
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(35), 3); // last frame claims 3, has 2
        RejectsWithoutThrowing(bytes).Should().Contain("overruns");
    }

    [Fact]
    public void Packet_longer_than_an_opus_packet_is_rejected()
    {
        var bytes = AudioFrameSamples.GoldenBytes();
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(28), 1276);
        RejectsWithoutThrowing(bytes).Should().Contain("exceeds 1275");
    }

    [Fact]
    public void Fewer_frames_than_announced_and_trailing_bytes_are_rejected()
    {
        var bytes = AudioFrameSamples.GoldenBytes();
        bytes[5] = 4;
        RejectsWithoutThrowing(bytes).Should().Contain("truncated");

        bytes[5] = 2; // the third frame becomes trailing garbage
        RejectsWithoutThrowing(bytes).Should().Contain("trailing");
    }

    [Theory]
    [InlineData(0, 0x00, "bad magic")]
    [InlineData(2, 0x02, "version")]
    [InlineData(3, 0x02, "codec")]
    [InlineData(6, 0x00, "Opus frame size")] // 960 → 768 samples
    [InlineData(15, 0x80, "play-out")] // negative int64
    public void Bad_header_fields_are_rejected(int offset, byte value, string reason)
    {
        var bytes = AudioFrameSamples.GoldenBytes();
        bytes[offset] = value;
        RejectsWithoutThrowing(bytes).Should().Contain(reason);
    }

    [Fact]
    public void Sequence_that_would_wrap_inside_the_message_is_rejected()
    {
        var bytes = AudioFrameSamples.GoldenBytes();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(24), uint.MaxValue - 1); // 3 frames
        RejectsWithoutThrowing(bytes).Should().Contain("wraps");
    }

    [Fact]
    public void Random_bytes_never_throw_and_are_all_rejected()
    {
        var rng = new Random(20260101);
        var buffer = new byte[600];
        for (var i = 0; i < 100_000; i++)
        {
            var payload = buffer.AsSpan(0, rng.Next(buffer.Length + 1));
            rng.NextBytes(payload);
            RejectsWithoutThrowing(payload).Should().NotBeNull();
        }
    }

    [Fact]
    public void Mutated_valid_messages_never_throw_and_accepted_ones_round_trip()
    {
        // Random bytes almost never get past the magic; flipping bytes of a real message
        // exercises the deeper rules (counts, prefixes, limits) as well.
        var rng = new Random(84);
        var valid = FiveFrameMessage().Encode();
        var accepted = 0;
        for (var i = 0; i < 100_000; i++)
        {
            var bytes = (byte[])valid.Clone();
            for (var flips = rng.Next(1, 4); flips > 0; flips--)
            {
                bytes[rng.Next(bytes.Length)] = (byte)rng.Next(256);
            }

            var length = rng.Next(4) == 0 ? rng.Next(bytes.Length + 1) : bytes.Length;
            var payload = bytes.AsSpan(0, length);
            if (AudioFrameMessage.TryParse(payload, out var m, out var error))
            {
                accepted++;
                m.Encode().Should().Equal(payload.ToArray());
            }
            else
            {
                error.Should().NotBeNullOrWhiteSpace();
            }
        }

        accepted.Should().BeInRange(1, 99_999, "some mutations only touch packet bytes or hash fields");
    }

    private static AudioFrameMessage FiveFrameMessage() => new(
        StreamIdHash.Compute("b-5d1c0a9e77f3"),
        epoch: 1_767_225_600,
        firstSequence: 0,
        firstPlayoutMicros: 1_767_225_600_300_000,
        packets: [new byte[] { 1, 2, 3 }, new byte[] { 4 }, Array.Empty<byte>(), new byte[] { 5, 6 }, new byte[] { 7, 8, 9, 10 }]);

    /// <summary>Returns the error, or null if the payload was accepted; fails the test on any exception.</summary>
    private static string? RejectsWithoutThrowing(ReadOnlySpan<byte> payload)
    {
        var ok = AudioFrameMessage.TryParse(payload, out var message, out var error);
        if (ok)
        {
            message.Should().NotBeNull();
            error.Should().BeNull();
            return null;
        }

        message.Should().BeNull();
        return error;
    }
}
