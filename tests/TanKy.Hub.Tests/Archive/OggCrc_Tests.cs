using TanKy.Hub.Broadcasts.Archive;

namespace TanKy.Hub.Tests.Archive;

public sealed class OggCrc_Tests
{
    // First two pages of `ffmpeg -f lavfi -i sine=f=440:d=0.2 -c:a libopus -fflags +bitexact
    // -flags:a +bitexact x.opus` (Debian ffmpeg 5.1.9): ffmpeg computes the CRC with its own code.
    private const string FfmpegOpusHeadPage =
        "4f6767530002000000000000000000000000000000000228b57201134f707573486561640101380180bb0000000000";

    private const string FfmpegOpusTagsPage =
        "4f6767530000000000000000000000000000010000004995be54012e4f707573546167730600000066666d7065670100000014000000656e636f6465723d4c617663206c69626f707573";

    [Fact]
    public void Check_value_of_the_catalogue_parameters_matches()
    {
        // CRC-32/CKSUM (same polynomial, init 0, no reflection) has check 0x765E7680 for
        // "123456789" after its final XOR with 0xFFFFFFFF; Ogg has no final XOR.
        OggCrc.Compute("123456789"u8).Should().Be(~0x765E7680u).And.Be(0x89A1897Fu);
    }

    [Theory]
    [InlineData(FfmpegOpusHeadPage, 0x72B52802u)]
    [InlineData(FfmpegOpusTagsPage, 0x54BE9549u)]
    public void Crc_of_ffmpeg_pages_is_reproduced(string hex, uint expected)
    {
        var page = Convert.FromHexString(hex);
        BitConverter.ToUInt32(page, 22).Should().Be(expected);
        page.AsSpan(22, 4).Clear();

        OggCrc.Compute(page).Should().Be(expected);
    }

    [Fact]
    public void Ffmpeg_pages_pass_the_page_reader()
    {
        using var stream = new MemoryStream(Convert.FromHexString(FfmpegOpusHeadPage + FfmpegOpusTagsPage));
        var info = OggOpusReader.Read(stream);

        info.Head.Should().Be(new OpusHead(1, 312, 48000));
        info.Tags.Vendor.Should().Be("ffmpeg");
        info.Tags["encoder"].Should().Be("Lavc libopus");
        info.PageCount.Should().Be(2);
        info.StopReason.Should().BeNull();
        info.HasEndOfStream.Should().BeFalse();
    }

    [Fact]
    public void Our_OpusHead_is_byte_identical_to_ffmpegs()
    {
        var ffmpegBody = Convert.FromHexString(FfmpegOpusHeadPage)[28..];

        new OpusHead(1, 312, 48000).ToBytes().Should().Equal(ffmpegBody);
    }

    [Theory]
    [InlineData(30, 0)]
    [InlineData(60, 47)]
    public void A_flipped_bit_is_detected(int index, int pageOffset)
    {
        var bytes = Convert.FromHexString(FfmpegOpusHeadPage + FfmpegOpusTagsPage);
        bytes[index] ^= 0x10;

        var act = () => OggOpusReader.Read(new MemoryStream(bytes));

        act.Should().Throw<InvalidDataException>().WithMessage($"*CRC mismatch at byte {pageOffset} *");
    }
}
