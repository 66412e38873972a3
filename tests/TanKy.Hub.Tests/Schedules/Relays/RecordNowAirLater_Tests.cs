using TanKy.Hub.Media;
using TanKy.Hub.Schedules;
using TanKy.Hub.Schedules.Airing;
using TanKy.Hub.Schedules.Planning;
using TanKy.Hub.Schedules.Precache;
using TanKy.Hub.Schedules.Relays;
using TanKy.Hub.Shared.Text;
using TanKy.Protocol;

namespace TanKy.Hub.Tests.Schedules.Relays;

/// <summary>
/// Record now, air later: a recording of a (fake, generated-tone) source becomes a levelled clip of
/// the library that the later airing plays and the pre-cache orders once it exists; a failed one
/// airs the fallback and raises alerts.
/// </summary>
public sealed class RecordNowAirLater_Tests
{
    private const string Yaml = """
        recordings:
          - { source: vov1, at: "05:00", duration: 1m, as: vov-thoi-su-sang, title: Thời sự VOV sáng }
        programmes:
          - id: vov-phat-lai
            title: Thời sự VOV phát lại
            zones: [khoi-1]
            content: { chime_before: m-nhachieudn, playlist: [vov-thoi-su-sang], fallback: m-xinloimats }
            recurrence: { times: ["06:00"] }
        """;

    private static readonly DateTimeOffset FiveAm = ScheduleTestBed.Monday.AddHours(5);
    private static readonly DateTimeOffset SixAm = ScheduleTestBed.Monday.AddHours(6);

    private static async Task<RecordingRow?> RecordAsync(RelayBed relay)
    {
        relay.Programme(Yaml);
        relay.Bed.Time.SetUtcNow(FiveAm);
        var occurrence = RecordingOccurrences.Expand(relay.Get<ProgrammeStore>().Current!.Recordings, FiveAm, FiveAm.AddTicks(1)).Single();
        return await relay.Get<SourceRecorder>().RecordAsync(occurrence, CancellationToken.None);
    }

    private static ScheduledAiring Airing() => new(
        "vov-phat-lai", "Thời sự VOV phát lại", "p-vov-phat-lai-2604270600", SixAm, ["khoi-1"], BulletinClass.Normal, "m-nhachieudn", ["vov-thoi-su-sang"], null, null,
        PreemptionPolicy.Resume, TimeSpan.FromSeconds(70), new MisfireInfo(TimeSpan.Zero, TimeSpan.FromMinutes(5)), Fallback: "m-xinloimats");

    private static async Task<IReadOnlyList<string>?> AirAsync(RelayBed relay)
    {
        relay.Bed.Time.SetUtcNow(SixAm);
        await relay.Get<BroadcastProgrammePlayer>().StartAsync(Airing(), CancellationToken.None);
        return relay.Broadcasts.Requests.Last().Playlist;
    }

    [Fact]
    public async Task A_recording_becomes_a_levelled_clip_that_the_later_airing_plays()
    {
        using var relay = new RelayBed();

        var row = await RecordAsync(relay);

        row.Should().BeEquivalentTo(new { State = RecordingStore.Done, RecordedMs = 60_000L, Reason = (string?)null });
        var clip = relay.Bed.Library.Get(row!.MediaId!)!;
        clip.Title.Should().Be("Thời sự VOV sáng – 27/04/2026");
        clip.UploadedBy.Should().Be("recording:vov1");
        clip.DurationMs.Should().BeCloseTo(60_000, 20);
        clip.LoudnessLufsAfter.Should().BeApproximately(-16, 1, "recordings are levelled like uploads");
        (await AirAsync(relay)).Should().Equal("m-nhachieudn", row.MediaId);
        relay.Get<ProgrammeAlerts>().Between(ScheduleTestBed.Monday, ScheduleTestBed.Monday.AddDays(1)).Should().BeEmpty();
    }

    [Fact]
    public async Task The_precache_orders_the_recording_once_it_exists()
    {
        using var relay = new RelayBed();
        relay.Programme(Yaml);
        var speakers = new Dictionary<string, IReadOnlyList<string>> { ["khoi-1"] = ["loa-khoi-1"] };
        var files = new StreamFileInfo(relay.Bed.Library);
        (long, string, TimeSpan)? Describe(string m) =>
            relay.Bed.Library.Get(m) is { } item && files.Describe(m) is { } f ? (f.Size, f.Sha256, TimeSpan.FromMilliseconds(item.DurationMs)) : null;
        IReadOnlyList<PrecacheItem> Plan() => PrecachePlanner.Plan(
            relay.Get<ProgrammeStore>().Current!, relay.Bed.Time.GetUtcNow(), TimeSpan.FromHours(2), speakers, Describe, (d, m) => m,
            (p, start) => relay.Get<RecordedClips>().ForPrecache(p.Content, start)).GetValueOrDefault("loa-khoi-1") ?? [];

        relay.Bed.Time.SetUtcNow(FiveAm.AddMinutes(-1));
        Plan().Select(i => i.Media).Should().Equal(["m-nhachieudn"], "the recording does not exist yet");

        var row = await RecordAsync(relay);

        var items = Plan();
        items.Select(i => i.Media).Should().Equal("m-nhachieudn", row!.MediaId);
        items.Select(i => i.Stream).Should().AllBe("p-vov-phat-lai-2604270600");
        items[1].At.Should().Be(SixAm.AddSeconds(10).ToUnixTimeMilliseconds() * 1000, "the recording follows the 10 s chime");
    }

    [Fact]
    public async Task A_recording_of_a_dead_source_fails_the_airing_plays_the_fallback_and_alerts_are_raised()
    {
        using var relay = new RelayBed(new ToneFeeds(alive: false));

        var row = await RecordAsync(relay);

        row.Should().BeEquivalentTo(new { State = RecordingStore.Failed, MediaId = (string?)null, RecordedMs = 0L });
        HubText.Default.Render(row!.Reason, "en").Should().Be("source vov1 is down: no audio received");
        (await AirAsync(relay)).Should().Equal("m-nhachieudn", "m-xinloimats");
        relay.Get<ProgrammeAlerts>().Between(ScheduleTestBed.Monday, ScheduleTestBed.Monday.AddDays(1))
            .Select(a => (a.Kind, a.Subject, a.SourceId, a.OccurrenceAt, a.MessageIn("en"))).Should().Equal(
                (ProgrammeAlert.RecordingFailed, "vov-thoi-su-sang", "vov1", FiveAm, "source vov1 is down: no audio received"),
                (ProgrammeAlert.RecordingFailed, "vov-phat-lai", "vov1", SixAm, "recording 'vov-thoi-su-sang' (05:00 27/04) is missing: the fallback airs instead"));
    }

    [Fact]
    public async Task A_recording_with_too_little_source_audio_fails_as_too_short()
    {
        using var relay = new RelayBed(new ToneFeeds { AudioFrames = 1500 });

        var row = await RecordAsync(relay);

        row!.State.Should().Be(RecordingStore.Failed);
        HubText.Default.Render(row.Reason, "vi").Should().Be("bản thu quá ngắn: nhận 0.5 phút trên 1 phút");
        relay.Bed.Library.List().Should().NotContain(m => m.UploadedBy == "recording:vov1");
    }

    [Fact]
    public async Task An_occurrence_is_recorded_once()
    {
        using var relay = new RelayBed();
        await RecordAsync(relay);
        var occurrence = RecordingOccurrences.Expand(relay.Get<ProgrammeStore>().Current!.Recordings, FiveAm, FiveAm.AddTicks(1)).Single();

        (await relay.Get<SourceRecorder>().RecordAsync(occurrence, CancellationToken.None)).Should().BeNull();
    }
}
