using TanKy.Hub.Schedules.History;
using TanKy.Hub.Tests.Text;

namespace TanKy.Hub.Tests.Schedules;

/// <summary>
/// Issue #17: an airing the player could not start is on the programme history with a reason in
/// the reader's language; the exception's own words (English, technical) are in the hub log only.
/// </summary>
public sealed class FailedAiring_Tests : IDisposable
{
    private const string Programme = """
        programmes:
          - id: ban-tin-sang
            title: Bản tin sáng
            zones: [khoi-1]
            content: [m-bantinsang]
            recurrence: { times: ["06:00"], days: daily }
        """;

    private readonly ScheduleTestBed _bed = new();

    public void Dispose() => _bed.Dispose();

    [Fact]
    public async Task An_airing_that_could_not_start_says_so_in_Vietnamese_without_the_exceptions_words()
    {
        _bed.Write("sang.yaml", Programme);
        var player = new RecordingPlayer { Fails = new IOException("disk gone: /var/lib/tanky/media") };
        await using var host = await ScheduleHost.StartAsync(_bed, player, ahead: TimeSpan.FromDays(1));
        var next = await host.NextFireAsync();
        next.Should().NotBeNull();
        await host.MoveClockAsync(_bed.Time, next!.Value);
        await player.WaitForAsync(1, _bed.Time);

        var row = await WaitForFailedAsync(host);

        row.Reason.Should().NotContain("disk gone", "the exception's words are for the log");
        FailureReasons_Tests.ShouldBeVietnamese(row.ReasonIn("vi")!);
        row.ReasonIn("en").Should().Be("could not start (details in the hub log)");
    }

    private async Task<HistoryRow> WaitForFailedAsync(ScheduleHost host)
    {
        var history = host.Get<ProgrammeHistory>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            var failed = history.Between(SampleWeek.At(0, 0, 0), SampleWeek.At(7, 0, 0)).FirstOrDefault(r => r.Outcome == HistoryOutcome.Failed);
            if (failed is not null)
            {
                return failed;
            }

            DateTime.UtcNow.Should().BeBefore(deadline, "the failed airing should be on the history by now");
            _bed.Time.Advance(TimeSpan.FromMilliseconds(2));
            await Task.Delay(10);
        }
    }
}
