using TanKy.Hub.Broadcasts.History;

namespace TanKy.Hub.Tests.Broadcasts;

public sealed class SpokenDuration_Tests
{
    private static readonly Dictionary<string, string> Vi = new()
    {
        ["bcast.dur.h"] = "{0} giờ",
        ["bcast.dur.m"] = "{0} phút",
        ["bcast.dur.s"] = "{0} giây",
    };

    [Theory]
    [InlineData(374_000, "6 phút 14 giây")]
    [InlineData(374_499, "6 phút 14 giây")]
    [InlineData(60_000, "1 phút")]
    [InlineData(3_000, "3 giây")]
    [InlineData(0, "0 giây")]
    [InlineData(3_905_000, "1 giờ 5 phút")]
    [InlineData(-5_000, "0 giây")]
    public void Durations_read_as_people_say_them(long ms, string expected) =>
        SpokenDuration.Format(ms, k => Vi[k]).Should().Be(expected);
}
