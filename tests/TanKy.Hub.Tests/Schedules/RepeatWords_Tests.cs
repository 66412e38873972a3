using TanKy.Hub.Schedules.Editing;
using TanKy.Hub.Schedules.Model;
using TanKy.Hub.Web.Console.Text;

namespace TanKy.Hub.Tests.Schedules;

/// <summary>Rules are shown as the officer says them; a cron with no words is shown as the cron.</summary>
public sealed class RepeatWords_Tests
{
    private static readonly ConsoleText Text = new();

    [Theory]
    [InlineData("0 0 19 ? * 6L", "19:00 thứ 6 cuối tháng")]
    [InlineData("0 0 19 ? * 1L", "19:00 chủ nhật cuối tháng")]
    [InlineData("0 30 7 15 * ?", "07:30 ngày 15 hằng tháng")]
    [InlineData("0 0 19 L * ?", "19:00 ngày cuối tháng")]
    [InlineData("0 0 6 ? * MON-FRI", "06:00 thứ 2–6")]
    [InlineData("0 0 6 ? * 2-6", "06:00 thứ 2–6")]
    [InlineData("0 0 8 ? * SAT,SUN", "08:00 thứ 7, chủ nhật")]
    [InlineData("0 0 6,18 * * ?", "06:00, 18:00 hằng ngày")]
    [InlineData("0 15 17 ? * 2,4,6", "17:15 thứ 2, thứ 4, thứ 6")]
    public void A_cron_rule_reads_as_Vietnamese_words(string cron, string words)
    {
        RepeatWords.Describe(Rule(cron: cron), Vi).Should().Be(words);
    }

    [Theory]
    [InlineData("0 0/15 * * * ?")]
    [InlineData("0 0 8 ? * 2#1")]
    [InlineData("0 0 8 1 1 ?")]
    [InlineData("30 0 8 * * ?")]
    public void A_cron_rule_without_words_gives_null_so_the_cron_is_shown(string cron)
    {
        RepeatWords.Describe(Rule(cron: cron), Vi).Should().BeNull();
    }

    [Fact]
    public void Plain_rules_read_as_words_too_and_English_follows_the_language()
    {
        var weekdays = new HashSet<DayOfWeek> { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday };

        RepeatWords.Describe(Rule(days: weekdays), Vi).Should().Be("06:00, 17:30 thứ 2–6");
        RepeatWords.Describe(Rule(), Vi).Should().Be("06:00, 17:30 hằng ngày");
        RepeatWords.Describe(Rule(every: 2, from: new DateOnly(2026, 5, 4)), Vi).Should().Be("06:00, 17:30 2 ngày một lần từ 04/05/2026");
        RepeatWords.Describe(Rule(dates: [new DateOnly(2026, 5, 19)]), Vi).Should().Be("06:00, 17:30 các ngày 19/05/2026");
        RepeatWords.Describe(Rule(cron: "0 0 19 ? * 6L"), k => Text.Get(k, "en")).Should().Be("19:00 on the last Friday of every month");
    }

    [Fact]
    public void The_form_writes_the_monthly_rules_it_reads()
    {
        CronRule.TryRead("0 0 19 ? * 6L", out var last).Should().BeTrue();
        last.ToCron().Should().Be("0 0 19 ? * 6L");
        CronRule.TryRead("0 30 7,19 15 * ?", out var mid).Should().BeTrue();
        (mid.Kind, mid.MonthDay).Should().Be((CronRuleKind.MonthDay, 15));
        mid.ToCron().Should().Be("0 30 7,19 15 * ?");
        new CronRule([new TimeOnly(7, 30), new TimeOnly(19, 0)], CronRuleKind.MonthDay, 15, new HashSet<DayOfWeek>()).ToCron()
            .Should().BeNull("cron has one minute field: 07:30 and 19:00 cannot share one rule");
        FluentActions.Invoking(() => Quartz.CronExpression.Parse(last.ToCron()!)).Should().NotThrow();
    }

    private static string Vi(string key) => Text.Get(key, "vi");

    private static Recurrence Rule(string? cron = null, IReadOnlySet<DayOfWeek>? days = null, int every = 0, DateOnly? from = null, IReadOnlyList<DateOnly>? dates = null) =>
        new([new TimeOnly(6, 0), new TimeOnly(17, 30)], days ?? Recurrence.AllDays, dates ?? [], every, every > 0 ? RecurrenceUnit.Days : RecurrenceUnit.None, from, from, null, cron);
}
