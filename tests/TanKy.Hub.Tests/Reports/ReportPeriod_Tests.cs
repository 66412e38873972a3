using TanKy.Hub.Reports;

namespace TanKy.Hub.Tests.Reports;

public sealed class ReportPeriod_Tests
{
    [Theory]
    [InlineData("2026-11-28", "2026-11-28", "2026-11-28", 1)]
    [InlineData("2026-11", "2026-11-01", "2026-11-30", 30)]
    [InlineData("2026-Q4", "2026-10-01", "2026-12-31", 92)]
    [InlineData("2026", "2026-01-01", "2026-12-31", 365)]
    [InlineData("2028-02", "2028-02-01", "2028-02-29", 29)]
    public void Periods_cover_whole_local_days(string text, string first, string last, int days)
    {
        var p = ReportPeriod.Parse(text);

        p.FirstDay.Should().Be(DateOnly.Parse(first, System.Globalization.CultureInfo.InvariantCulture));
        p.LastDay.Should().Be(DateOnly.Parse(last, System.Globalization.CultureInfo.InvariantCulture));
        p.Days.Should().Be(days);
        p.From.Offset.Should().Be(TimeSpan.FromHours(7));
        (p.To - p.From).Should().Be(TimeSpan.FromDays(days));
    }

    [Fact]
    public void From_and_to_are_inclusive_dates_in_Vietnam_time()
    {
        var p = ReportPeriod.FromDates("2026-11-01", "2026-11-30");

        p.From.Should().Be(new DateTimeOffset(2026, 10, 31, 17, 0, 0, TimeSpan.Zero));
        p.To.Should().Be(new DateTimeOffset(2026, 11, 30, 17, 0, 0, TimeSpan.Zero));
    }

    [Theory]
    [InlineData("2026-13")]
    [InlineData("2026-Q5")]
    [InlineData("yesterday")]
    public void Bad_periods_are_refused_with_a_reason(string text) =>
        FluentActions.Invoking(() => ReportPeriod.Parse(text)).Should().Throw<FormatException>();

    [Fact]
    public void A_period_that_ends_before_it_starts_is_refused() =>
        FluentActions.Invoking(() => ReportPeriod.FromDates("2026-11-30", "2026-11-01")).Should().Throw<FormatException>()
            .WithMessage("Kỳ báo cáo kết thúc ngày 01/11/2026, trước ngày bắt đầu 30/11/2026.");

    [Fact]
    public void A_bad_period_says_why_in_Vietnamese_and_in_English_when_asked()
    {
        var ex = FluentActions.Invoking(() => ReportPeriod.Parse("2026-13")).Should().Throw<ReportInputException>().Which;

        ex.Message.Should().Be("Không có tháng 13 trong “2026-13”: tháng phải từ 01 đến 12.");
        ex.MessageIn("en").Should().Be("There is no month 13 in “2026-13”: months run from 01 to 12.");
        FluentActions.Invoking(() => ReportPeriod.Parse("yesterday")).Should().Throw<ReportInputException>()
            .WithMessage("“yesterday” không phải là một kỳ báo cáo.*").Which.Message.Should().NotContainAny("invalid", "use ");
    }

    [Fact]
    public void Labels_are_Vietnamese()
    {
        ReportPeriod.Parse("2026-11-28").Label.Should().Be("ngày 28/11/2026");
        ReportPeriod.Parse("2026-Q4").Label.Should().Be("quý 4/2026");
        ReportPeriod.FromDates("2026-11-01", "2026-11-30").Label.Should().Be("01/11/2026 – 30/11/2026");
    }
}
