using TanKy.Hub.Broadcasts.Archive;

namespace TanKy.Hub.Tests.Archive;

public sealed class OpusHeaders_Tests
{
    [Fact]
    public void OpusHead_bytes_follow_RFC7845_section_5_1()
    {
        var bytes = new OpusHead(1, 312, 48000).ToBytes();

        bytes.Should().Equal(Convert.FromHexString(
            "4f70757348656164" // "OpusHead"
            + "01"             // version 1
            + "01"             // 1 channel
            + "3801"           // pre-skip 312, little-endian
            + "80bb0000"       // input sample rate 48000
            + "0000"           // output gain 0
            + "00"));          // mapping family 0
        OpusHead.Parse(bytes).Should().Be(new OpusHead(1, 312, 48000));
    }

    [Fact]
    public void OpusTags_bytes_follow_RFC7845_section_5_2()
    {
        var tags = new OpusTags("Concentus", [new("TITLE", "Tin sáng"), new("CLASS", "normal")]);

        var bytes = tags.ToBytes();

        bytes.Should().Equal(Convert.FromHexString(
            "4f70757354616773"                          // "OpusTags"
            + "09000000" + "436f6e63656e747573"           // vendor length 9, "Concentus"
            + "02000000"                                  // 2 comments
            + "0f000000" + "5449544c453d54696e2073c3a16e67" // 15 bytes: "TITLE=Tin sáng" (á is 2 bytes of UTF-8)
            + "0c000000" + "434c4153533d6e6f726d616c"));   // 12 bytes: "CLASS=normal"
        var parsed = OpusTags.Parse(bytes);
        parsed.Vendor.Should().Be("Concentus");
        parsed["title"].Should().Be("Tin sáng");
        parsed["CLASS"].Should().Be("normal");
    }

    [Fact]
    public void A_comment_name_with_an_equals_sign_is_refused()
    {
        var act = () => new OpusTags("v", [new("A=B", "x")]).ToBytes();

        act.Should().Throw<ArgumentException>();
    }

    [Theory]
    [InlineData(new byte[] { 0x08 }, 960)]           // config 1: SILK NB 20 ms, one frame
    [InlineData(new byte[] { 0x18 }, 2880)]          // config 3: SILK NB 60 ms
    [InlineData(new byte[] { 0x78 }, 960)]           // config 15: hybrid FB 20 ms
    [InlineData(new byte[] { 0xF8 }, 960)]           // config 31: CELT FB 20 ms
    [InlineData(new byte[] { 0xE0 }, 120)]           // config 28: CELT FB 2.5 ms
    [InlineData(new byte[] { 0xF9 }, 1920)]          // two frames of 20 ms (code 1)
    [InlineData(new byte[] { 0xFB, 0x03 }, 2880)]    // code 3, three frames of 20 ms
    [InlineData(new byte[] { 0xFB, 0x07 }, -1)]      // code 3, 7 × 20 ms = 140 ms: over the 120 ms limit
    [InlineData(new byte[] { 0xFB }, -1)]            // code 3 without its frame-count byte
    [InlineData(new byte[0], -1)]
    public void Packet_duration_comes_from_the_TOC_byte(byte[] packet, int samples)
    {
        OpusPacket.GetSamples(packet).Should().Be(samples);
    }
}
