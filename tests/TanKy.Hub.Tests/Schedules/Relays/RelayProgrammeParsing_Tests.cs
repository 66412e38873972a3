using TanKy.Hub.Schedules.Model;
using TanKy.Hub.Schedules.Parsing;
using TanKy.Hub.Shared.Text;

namespace TanKy.Hub.Tests.Schedules.Relays;

/// <summary>Relay content and recordings in schedule files: what parses, and every error at file:line:column in the reader's language.</summary>
public sealed class RelayProgrammeParsing_Tests : IDisposable
{
    private readonly ScheduleTestBed _bed = new();

    public RelayProgrammeParsing_Tests() => _bed.AddMedia("m-xinloimats", 20);

    public void Dispose() => _bed.Dispose();

    private ScheduleLoadResult Load() => ScheduleLoader.Load(
        ScheduleSource.ReadFolder(_bed.Folder), _bed.Refs with { Sources = new FakeRelaySources().List().Select(s => s.Id).ToHashSet() }, _bed.Time.GetUtcNow(), TimeSpan.FromDays(56));

    private static string Vi(ScheduleError e) => e.ToString(k => HubText.Default.Get(k, "vi"));

    private static string Relay(string relay = "vov1", string duration = "30m", string fallback = "m-xinloimats") => $"""
        programmes:
          - id: tiep-song-vov
            title: Thời sự VOV1
            zones: all
            content:
              relay: {relay}
              duration: {duration}
              fallback: {fallback}
            recurrence: {"{"} times: ["05:00"] {"}"}
        """;

    [Fact]
    public void A_relay_parses_with_its_source_duration_and_fallback()
    {
        _bed.Write("relay.yaml", Relay());

        var result = Load();

        result.Errors.Should().BeEmpty();
        var p = result.Set!.Programmes.Single();
        p.Content.Relay.Should().Be(new ProgrammeRelay("vov1", TimeSpan.FromMinutes(30)));
        p.Content.Fallback.Should().Be("m-xinloimats");
        p.Content.Sequence().Should().BeEmpty();
        result.Set.DurationOf(p).Should().Be(TimeSpan.FromMinutes(30));
    }

    [Fact]
    public void An_unknown_source_is_located_at_its_name_in_vietnamese()
    {
        var file = _bed.Write("relay.yaml", Relay(relay: "vov9"));

        var errors = Load().Errors;

        errors.Select(Vi).Should().Equal($"{file}:6:14: không có nguồn tiếp sóng 'vov9' (xem: tanky-hub sources list)");
        errors.Single().ToString(k => HubText.Default.Get(k, "en")).Should().Be($"{file}:6:14: no relay source 'vov9' (see: tanky-hub sources list)");
    }

    [Fact]
    public void An_unknown_fallback_clip_is_located()
    {
        var file = _bed.Write("relay.yaml", Relay(fallback: "m-khongcoooo"));

        Load().Errors.Select(Vi).Should().Equal($"{file}:8:17: không có bản tin 'm-khongcoooo' trong thư viện âm thanh");
    }

    [Theory]
    [InlineData("30s", "sched.err.relayTooShort", "30s|1m")]
    [InlineData("7h", "sched.err.duration", "7h|6")]
    [InlineData("soon", "sched.err.duration", "soon|6")]
    public void The_duration_is_bounded(string duration, string key, string args)
    {
        var file = _bed.Write("relay.yaml", Relay(duration: duration));

        var error = Load().Errors.Single();

        error.Location.Should().Be(new SourceLocation(file, 7, 17));
        error.Key.Should().Be(key);
        error.Args.Should().Equal(args.Split('|'));
    }

    [Fact]
    public void A_relay_needs_a_duration_and_has_no_clips()
    {
        var file = _bed.Write("relay.yaml", """
            programmes:
              - id: tiep-song-vov
                title: Thời sự VOV1
                zones: all
                content: { relay: vov1, playlist: [m-bantinsang] }
                recurrence: { times: ["05:00"] }
            """);

        var errors = Load().Errors;

        errors.Select(e => (e.Location, e.Key, string.Join("|", e.Args))).Should().Equal(
            (new SourceLocation(file, 5, 14), "sched.err.missingKey", "duration"),
            (new SourceLocation(file, 5, 39), "sched.err.relayWithClips", "playlist"));
    }

    [Fact]
    public void A_relay_counts_its_slot_for_overlaps()
    {
        _bed.Write("relay.yaml", Relay());
        var file = _bed.Write("tin.yaml", """
            programmes:
              - id: tin-sang
                title: Tin sáng
                zones: [khoi-1]
                content: [m-thongbaok3]
                recurrence: { times: ["05:20"] }
            """);

        Load().Errors.Should().Contain(e => e.Key == "sched.err.overlap" && e.Location.File == file && e.Args[0] == "tiep-song-vov");
    }

    private const string Recording = """
        recordings:
          - { source: vov1, at: "05:00", duration: 30m, as: vov-thoi-su-sang }
        programmes:
          - id: vov-phat-lai
            title: Thời sự VOV phát lại
            zones: [khoi-1]
            content: { playlist: [vov-thoi-su-sang], fallback: m-xinloimats }
            recurrence: { times: [TIMES] }
        """;

    [Fact]
    public void A_recording_is_played_by_name_after_it_ends()
    {
        _bed.Write("vov.yaml", Recording.Replace("TIMES", "\"06:00\", \"18:00\"", StringComparison.Ordinal));

        var result = Load();

        result.Errors.Should().BeEmpty();
        result.Set!.Recordings.Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            Name = "vov-thoi-su-sang", Title = "vov-thoi-su-sang", SourceId = "vov1", At = new TimeOnly(5, 0), Duration = TimeSpan.FromMinutes(30),
        });
        result.Set.DurationOf(result.Set.Programmes.Single()).Should().Be(TimeSpan.FromMinutes(30));
    }

    [Fact]
    public void An_airing_before_its_recording_ends_is_refused()
    {
        var file = _bed.Write("vov.yaml", Recording.Replace("TIMES", "\"05:15\"", StringComparison.Ordinal));

        Load().Errors.Select(Vi).Should().Equal($"{file}:7:27: phát bản thu 'vov-thoi-su-sang' lúc 05:15 khi bản thu (05:00–05:30) chưa xong");
    }

    [Fact]
    public void A_recording_of_an_unknown_source_a_clashing_name_and_an_undeclared_name_are_located()
    {
        var file = _bed.Write("vov.yaml", """
            recordings:
              - { source: vov9, at: "05:00", duration: 30m, as: vov-sang }
              - { source: vov1, at: "11:00", duration: 30m, as: vov-sang }
              - { source: vov1, at: "12:00", duration: 30m, as: m-thoisuvov }
            programmes:
              - id: vov-phat-lai
                title: Thời sự VOV phát lại
                zones: [khoi-1]
                content: [vov-khong-co]
                recurrence: { times: ["18:00"] }
            """);

        var errors = Load().Errors;

        errors.Select(e => (e.Location.Line, e.Location.Column, e.Key, string.Join("|", e.Args))).Should().Equal(
            (2, 15, "sched.err.noSource", "vov9"),
            (3, 53, "sched.err.duplicateRecording", $"vov-sang|{file}:2:53"),
            (4, 53, "sched.err.recordingName", "m-thoisuvov|32"),
            (9, 15, "sched.err.noMedia", "vov-khong-co"));
    }
}
