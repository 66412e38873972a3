using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TanKy.Hub.Broadcasts.Relay;
using TanKy.Hub.Devices;
using TanKy.Hub.Schedules;
using TanKy.Hub.Schedules.Model;
using TanKy.Hub.Schedules.Parsing;
using TanKy.Hub.Schedules.Relays;

namespace TanKy.Hub.Tests.Schedules.Relays;

/// <summary>
/// The programme services as the hub runs them (Quartz, hosted services) on the test bed's fake
/// clock: the health check ten minutes before a relay and a recording, the warning in the agenda,
/// and a scheduled recording that runs at its time and is pre-cached at once.
/// </summary>
public sealed class RelayProgrammeHost_Tests : IDisposable
{
    private static readonly DateTimeOffset Monday = ScheduleTestBed.Monday;
    private readonly ScheduleTestBed _bed = new();

    public RelayProgrammeHost_Tests()
    {
        _bed.AddMedia("m-xinloimats", 20);
        _bed.Write("relay.yaml", """
            recordings:
              - { source: vov1, at: "05:00", duration: 1m, as: vov-thoi-su-sang }
            programmes:
              - id: tiep-song-vov
                title: Thời sự VOV1
                zones: [khoi-2]
                content: { relay: vov1, duration: 30m, fallback: m-xinloimats }
                recurrence: { times: ["06:00"] }
              - id: vov-phat-lai
                title: Thời sự VOV phát lại
                zones: [khoi-1]
                content: { playlist: [vov-thoi-su-sang], fallback: m-xinloimats }
                recurrence: { times: ["06:00"] }
            """);
    }

    public void Dispose() => _bed.Dispose();

    private Task<ScheduleHost> StartAsync(ISourceProbe probe, IPcmFeedFactory? feeds = null) => ScheduleHost.StartAsync(_bed, new RecordingPlayer(), configure: s =>
    {
        s.AddSingleton<IRelaySources>(new FakeRelaySources());
        s.AddSingleton(probe);
        s.AddSingleton(feeds ?? new ToneFeeds());
        s.AddSingleton<IScheduleReferenceSource>(new RelayBed.SourcesReference(_bed));
        s.AddSingleton(Options.Create(new ScheduleOptions
        {
            Directory = _bed.Folder, ScheduleAhead = TimeSpan.FromDays(2), RefreshInterval = TimeSpan.FromHours(1),
            PrecacheLead = TimeSpan.FromHours(2), PrecacheBaseUrl = "http://127.0.0.1:1",
        }));
    });

    [Fact]
    public async Task An_unreachable_source_is_warned_about_ten_minutes_before_the_recording_and_the_relay()
    {
        var probe = new FakeProbe(reachable: false);
        await using var host = await StartAsync(probe);
        var health = host.Get<SourceHealthCheck>();
        var alerts = host.Get<ProgrammeAlerts>();
        var relayWarned = new TaskCompletionSource<ProgrammeAlert>(TaskCreationOptions.RunContinuationsAsynchronously);
        alerts.Raised += (_, a) => { if (a.Subject == "tiep-song-vov") { relayWarned.TrySetResult(a); } };

        _bed.Time.SetUtcNow(Monday.AddHours(5).AddMinutes(-10).AddSeconds(-1));
        (await health.CheckAsync()).Should().Be(0);
        probe.Asked.Should().BeEmpty("nothing starts within ten minutes yet");

        _bed.Time.SetUtcNow(Monday.AddHours(5).AddMinutes(-10));
        await health.CheckAsync();
        alerts.Between(Monday, Monday.AddDays(1)).Select(a => (a.Kind, a.Subject, a.OccurrenceAt, a.MessageIn("vi"))).Should().Equal(
            (ProgrammeAlert.SourceUnreachable, "vov-thoi-su-sang", Monday.AddHours(5), "nguồn vov1 không kết nối được, vov-thoi-su-sang lúc 05:00"));

        // The hosted check, on its own timer, warns about the 06:00 relay at 05:50.
        await host.MoveClockAsync(_bed.Time, Monday.AddHours(6).AddMinutes(-10));
        var warned = await relayWarned.Task.WaitAsync(TimeSpan.FromSeconds(15));
        warned.MessageIn("en").Should().Be("source vov1 is unreachable ahead of Thời sự VOV1 at 06:00");

        var entry = host.Get<AgendaService>().Build(1, "khoi-2").Single(e => e.ProgrammeId == "tiep-song-vov");
        var dto = AgendaDto.From(entry, "vi");
        dto.Relay!.Text.Should().Be("Tiếp sóng VOV1 – Thời sự – 30 phút");
        dto.Warning.Should().Be("nguồn vov1 không kết nối được, Thời sự VOV1 lúc 06:00");
        AgendaDto.From(entry, "en").Relay!.Text.Should().Be("Relay of VOV1 – Thời sự – 30 min");
        var card = Hub.Web.Console.Week.WeekView.Build([entry], DateOnly.FromDateTime(Monday.DateTime)).SelectMany(d => d.Cards).Single();
        card.Should().BeEquivalentTo(new { Relay = new ProgrammeRelay("vov1", TimeSpan.FromMinutes(30)), SourceName = "VOV1 – Thời sự", Warning = entry.Warning });
    }

    [Fact]
    public async Task A_reachable_source_raises_nothing_and_is_probed_once_per_occurrence()
    {
        var probe = new FakeProbe(reachable: true);
        await using var host = await StartAsync(probe);

        _bed.Time.SetUtcNow(Monday.AddHours(5).AddMinutes(-10));
        await host.Get<SourceHealthCheck>().CheckAsync();
        _bed.Time.SetUtcNow(Monday.AddHours(5).AddMinutes(-9));
        await host.Get<SourceHealthCheck>().CheckAsync();

        probe.Asked.Should().Equal("vov1");
        host.Get<ProgrammeAlerts>().Between(Monday, Monday.AddDays(1)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_scheduled_recording_runs_at_its_time_and_is_pre_cached_at_once()
    {
        await using var host = await StartAsync(new FakeProbe(reachable: true));
        var recordings = host.Get<RecordingStore>();

        System.Text.Json.Nodes.JsonArray? Cache() => host.Get<DesiredStateService>().GetDesired("loa-khoi-1")?.State["cache"]?.AsArray();

        // The hub clock stands at 05:00 from here on: only the recorder's own publish can order the clip.
        await host.MoveClockAsync(_bed.Time, Monday.AddHours(5));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (Cache() is not { Count: > 0 } && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        var row = recordings.Get("vov-thoi-su-sang", Monday.AddHours(5));
        row.Should().NotBeNull();
        row!.State.Should().Be(RecordingStore.Done);
        Cache()!.Select(i => i!["media"]!.GetValue<string>()).Should().Equal(row.MediaId);
    }
}
