using TanKy.Hub.Web.Console.Pages.Media;

namespace TanKy.Web.Tests.Media;

/// <summary>Durations as officers say them: "6 phút 14 giây", not "(374 s)".</summary>
public sealed class ClipFormat_Tests
{
    private static readonly Dictionary<string, string> Vi = new(StringComparer.Ordinal)
    {
        ["media.dur.s"] = "{s} giây", ["media.dur.m"] = "{m} phút", ["media.dur.ms"] = "{m} phút {s} giây",
        ["media.dur.h"] = "{h} giờ", ["media.dur.hm"] = "{h} giờ {m} phút",
    };

    [Theory]
    [InlineData(374_000, "6 phút 14 giây")]
    [InlineData(373_600, "6 phút 14 giây")]
    [InlineData(300_000, "5 phút")]
    [InlineData(4_000, "4 giây")]
    [InlineData(200, "1 giây")]
    [InlineData(0, "0 giây")]
    [InlineData(5_400_000, "1 giờ 30 phút")]
    [InlineData(7_200_000, "2 giờ")]
    public void Duration_reads_as_words(long ms, string expected) =>
        ClipFormat.Duration(ms, key => Vi[key]).Should().Be(expected);

    [Fact]
    public void The_templates_are_in_the_console_text_in_both_languages()
    {
        var text = new Hub.Web.Console.Text.ConsoleText();
        ClipFormat.Duration(374_000, k => text.Get(k, "vi")).Should().Be("6 phút 14 giây");
        ClipFormat.Duration(374_000, k => text.Get(k, "en")).Should().Be("6 min 14 s");
    }
}
