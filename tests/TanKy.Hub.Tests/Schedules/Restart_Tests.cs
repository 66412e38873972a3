using TanKy.Hub.Schedules.History;

namespace TanKy.Hub.Tests.Schedules;

/// <summary>A hub restart in the middle of the programme: persisted triggers fire late and each programme's misfire policy decides.</summary>
public sealed class Restart_Tests : IDisposable
{
    private const string Programme = """
        programmes:
          - id: ban-tin-sang
            title: Bản tin sáng
            zones: [khoi-1]
            content: [m-bantinsang]
            recurrence: { times: ["06:00"], days: daily }
            play_late_within: 10m
          - id: tin-de
            title: Tin thị trường Dê Tân Kỳ
            zones: [khoi-2]
            content: [m-thongbaok3]
            recurrence: { times: ["06:05"], days: daily }
            play_late_within: 2m
        """;

    private readonly ScheduleTestBed _bed = new();

    public void Dispose() => _bed.Dispose();

    [Fact]
    public async Task After_a_restart_a_programme_plays_late_within_its_policy_and_is_skipped_beyond_it()
    {
        _bed.Write("sang.yaml", Programme);
        var first = new RecordingPlayer();
        var host = await ScheduleHost.StartAsync(_bed, first, ahead: TimeSpan.FromDays(1));
        _bed.Time.SetUtcNow(SampleWeek.At(0, 5, 50));
        await host.DisposeAsync();

        // Down from 05:50 to 06:08: 06:00 is 8 min late (allowed 10), 06:05 is 3 min late (allowed 2).
        _bed.Time.SetUtcNow(SampleWeek.At(0, 6, 8));
        var second = new RecordingPlayer();
        await using var restarted = await ScheduleHost.StartAsync(_bed, second, ahead: TimeSpan.FromDays(1));
        await second.WaitForAsync(1, _bed.Time);

        first.Airings.Should().BeEmpty();
        var airing = second.Airings.Should().ContainSingle().Subject;
        airing.ProgrammeId.Should().Be("ban-tin-sang");
        airing.Start.Should().Be(SampleWeek.At(0, 6, 0));
        airing.Misfire.Late.Should().BeCloseTo(TimeSpan.FromMinutes(8), TimeSpan.FromSeconds(2));
        airing.Misfire.PlayLateWithin.Should().Be(TimeSpan.FromMinutes(10));

        var history = await WaitForHistoryAsync(restarted, 2);
        history.Should().ContainSingle(h => h.ProgrammeId == "ban-tin-sang" && h.Outcome == HistoryOutcome.Fired);
        var skipped = history.Should().ContainSingle(h => h.ProgrammeId == "tin-de").Subject;
        skipped.Outcome.Should().Be(HistoryOutcome.SkippedMisfire);
        skipped.ReasonIn("en").Should().Contain("3m late, allowed 2m");
        skipped.ReasonIn("vi").Should().Be("trễ 3m, chỉ cho phép trễ 2m");
    }

    private async Task<IReadOnlyList<HistoryRow>> WaitForHistoryAsync(ScheduleHost host, int fired)
    {
        var history = host.Get<ProgrammeHistory>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        IReadOnlyList<HistoryRow> rows;
        do
        {
            _bed.Time.Advance(TimeSpan.FromMilliseconds(2));
            await Task.Delay(10);
            rows = history.Between(SampleWeek.At(0, 0, 0), SampleWeek.At(1, 0, 0));
        }
        while (rows.Count(r => r.FiredAt is not null) < fired && DateTime.UtcNow < deadline);

        return rows;
    }
}
