using TanKy.Hub.Broadcasts.Archive;

namespace TanKy.Hub.Tests.Archive;

public sealed class OggPageWriter_Tests
{
    [Fact]
    public void A_hand_built_page_matches_the_spec_byte_for_byte()
    {
        // RFC 3533 §6 laid out by hand; CRC from an independent bitwise implementation.
        var expected = Convert.FromHexString(
            "4f676753" + "00" + "02" + "c003000000000000" + "04030201" + "00000000" + "0ad8b7f4" + "01" + "05" + "68656c6c6f");
        var output = new MemoryStream();
        var writer = new OggPageWriter(output, 0x01020304);

        writer.AddPacket("hello"u8, 960);
        writer.FlushPage();

        output.ToArray().Should().Equal(expected);
    }

    [Theory]
    [InlineData(0, new byte[] { 0 })]
    [InlineData(254, new byte[] { 254 })]
    [InlineData(255, new byte[] { 255, 0 })]
    [InlineData(256, new byte[] { 255, 1 })]
    [InlineData(510, new byte[] { 255, 255, 0 })]
    [InlineData(1275, new byte[] { 255, 255, 255, 255, 255, 0 })]
    public void Lacing_values_end_every_packet_with_a_value_below_255(int size, byte[] lacing)
    {
        var packet = Enumerable.Range(0, size).Select(i => (byte)i).ToArray();
        var output = new MemoryStream();
        var writer = new OggPageWriter(output, 7);

        writer.AddPacket(packet, 42);
        writer.AddPacket([0xAA], 43);
        writer.FlushPage();

        var page = output.ToArray();
        page[26].Should().Be((byte)(lacing.Length + 1));
        page.AsSpan(27, lacing.Length).ToArray().Should().Equal(lacing);
        page[27 + lacing.Length].Should().Be(1, "the next packet starts in its own segment");
        page.AsSpan(28 + lacing.Length, size).ToArray().Should().Equal(packet);
        ReadPackets(page).Should().HaveCount(2).And.Subject.First().Should().Equal(packet);
    }

    [Fact]
    public void A_packet_longer_than_a_page_continues_on_the_next_page()
    {
        var packet = Enumerable.Range(0, 255 * 300).Select(i => (byte)(i * 7)).ToArray();
        var output = new MemoryStream();
        var writer = new OggPageWriter(output, 9);

        writer.AddPacket([1, 2, 3], 10);
        writer.AddPacket(packet, 20);
        writer.FlushPage(endOfStream: true);

        output.Position = 0;
        var reader = new OggPageReader(output);
        var first = reader.Next()!;
        var second = reader.Next()!;
        reader.Next().Should().BeNull();
        reader.StopReason.Should().BeNull();

        first.HeaderType.Should().Be(OggHeaderType.BeginOfStream);
        first.Segments.Should().HaveCount(255);
        first.GranulePosition.Should().Be(10, "only the small packet completes on the first page");
        second.HeaderType.Should().Be(OggHeaderType.Continued | OggHeaderType.EndOfStream);
        second.GranulePosition.Should().Be(20);
        second.Sequence.Should().Be(1);
        ReadPackets(output.ToArray()).Should().HaveCount(2).And.Subject.Last().Should().Equal(packet);
    }

    [Fact]
    public void A_page_on_which_no_packet_completes_has_granule_minus_one()
    {
        var output = new MemoryStream();
        var writer = new OggPageWriter(output, 9);

        writer.AddPacket(new byte[255 * 600], 5);
        writer.FlushPage();

        output.Position = 0;
        var reader = new OggPageReader(output);
        reader.Next()!.GranulePosition.Should().Be(-1);
        reader.Next()!.GranulePosition.Should().Be(-1);
        reader.Next()!.GranulePosition.Should().Be(5);
    }

    private static List<byte[]> ReadPackets(byte[] file)
    {
        var reader = new OggPageReader(new MemoryStream(file));
        var packets = new List<byte[]>();
        var current = new List<byte>();
        while (reader.Next() is { } page)
        {
            var at = 0;
            foreach (var lace in page.Segments)
            {
                current.AddRange(page.Body.AsSpan(at, lace).ToArray());
                at += lace;
                if (lace < 255)
                {
                    packets.Add([.. current]);
                    current.Clear();
                }
            }
        }

        reader.StopReason.Should().BeNull();
        return packets;
    }
}
