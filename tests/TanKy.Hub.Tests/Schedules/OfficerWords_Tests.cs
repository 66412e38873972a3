using TanKy.Hub.Schedules.Editing;
using TanKy.Hub.Schedules.Parsing;

namespace TanKy.Hub.Tests.Schedules;

/// <summary>Times and ids as officers write and read them (issue #17, item 8).</summary>
public sealed class OfficerWords_Tests : IDisposable
{
    private readonly ScheduleTestBed _bed = new();

    public void Dispose() => _bed.Dispose();

    [Theory]
    [InlineData("7h30", 7, 30)]
    [InlineData("7h", 7, 0)]
    [InlineData("19H05", 19, 5)]
    [InlineData("07:30", 7, 30)]
    [InlineData("7:30", 7, 30)]
    [InlineData("23:59", 23, 59)]
    [InlineData("00h", 0, 0)]
    public void Times_are_read_as_7h30_or_07_30(string text, int hour, int minute)
    {
        TimeText.TryParse(text, out var t).Should().BeTrue();
        t.Should().Be(new TimeOnly(hour, minute));
    }

    [Theory]
    [InlineData("24:00")]
    [InlineData("7h60")]
    [InlineData("7h3")]
    [InlineData("19g30")]
    [InlineData("7 giờ")]
    [InlineData("")]
    public void Other_times_are_refused(string text) => TimeText.TryParse(text, out _).Should().BeFalse();

    [Fact]
    public void A_schedule_file_accepts_7h30()
    {
        _bed.Write("sang.yaml", """
            programmes:
              - id: ban-tin-sang
                title: Bản tin sáng
                zones: all
                content: [m-bantinsang]
                recurrence: { times: ["7h30", "17h"] }
            """);

        var result = _bed.Load();

        result.Errors.Should().BeEmpty();
        result.Set!.Programmes.Single().Recurrence.Times.Should().Equal(new TimeOnly(7, 30), new TimeOnly(17, 0));
    }

    [Theory]
    [InlineData("Bản tin sáng thứ 2", "ban-tin-sang-thu-2")]
    [InlineData("Đài Tiếng nói Việt Nam – tiếp sóng", "dai-tieng-noi-viet-nam-tiep-song")]
    [InlineData("  Tin   nông vụ!! ", "tin-nong-vu")]
    [InlineData("Thông báo của Ủy ban nhân dân xã Tân Kỳ về tiêm chủng", "thong-bao-cua-uy-ban-nhan-dan-xa")]
    [InlineData("!!!", ProgrammeIds.Fallback)]
    public void The_id_is_made_from_the_title(string title, string id)
    {
        var made = ProgrammeIds.FromTitle(title, _ => false);

        made.Should().Be(id);
        made.Length.Should().BeLessThanOrEqualTo(ProgrammeParser.MaxIdLength);
        Protocol.Identifiers.IsValid(made).Should().BeTrue();
    }

    [Fact]
    public void A_taken_id_gets_a_number_and_stays_within_32_characters()
    {
        var taken = new HashSet<string> { "ban-tin-sang", "ban-tin-sang-2" };
        ProgrammeIds.FromTitle("Bản tin sáng", taken.Contains).Should().Be("ban-tin-sang-3");

        var longId = ProgrammeIds.Fold("Thông báo của Ủy ban nhân dân xã Tân Kỳ");
        ProgrammeIds.FromTitle("Thông báo của Ủy ban nhân dân xã Tân Kỳ", id => id == longId).Should().Be("thong-bao-cua-uy-ban-nhan-dan-2");
    }
}
