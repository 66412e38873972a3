using TanKy.Protocol.Audio;

namespace TanKy.Protocol.Tests.Audio;

public sealed class StreamIdHashTests
{
    [Theory]
    [InlineData("", 0x811C9DC5u)] // FNV-1a 32 reference vectors
    [InlineData("a", 0xE40C292Cu)]
    [InlineData("foobar", 0xBF9CF968u)]
    [InlineData("demo-1", 0x0C5FF010u)] // the golden message's stream
    public void Matches_fnv1a_32(string id, uint expected) =>
        StreamIdHash.Compute(id).Should().Be(expected);

    [Fact]
    public void Hashes_the_utf8_bytes() =>
        StreamIdHash.Compute("tân-kỳ").Should().Be(StreamIdHash.Compute(System.Text.Encoding.UTF8.GetBytes("tân-kỳ")));
}
