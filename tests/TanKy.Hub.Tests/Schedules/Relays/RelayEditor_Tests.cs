using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TanKy.Hub.Schedules;
using TanKy.Hub.Schedules.Editing;
using TanKy.Hub.Schedules.Model;
using TanKy.Hub.Shared.Text;

namespace TanKy.Hub.Tests.Schedules.Relays;

/// <summary>The console's programme form writes relays through the same validator, and reads them back.</summary>
public sealed class RelayEditor_Tests : IDisposable
{
    private readonly ScheduleTestBed _bed = new();
    private readonly ProgrammeStore _store;
    private readonly ProgrammeEditor _editor;

    public RelayEditor_Tests()
    {
        _bed.AddMedia("m-xinloimats", 20);
        var options = Options.Create(new ScheduleOptions { Directory = _bed.Folder });
        var refs = new RelayBed.SourcesReference(_bed);
        _store = new ProgrammeStore(options, refs, new ScheduleSnapshotStore(_bed.Dir.Db, _bed.Time), _bed.Time, NullLogger<ProgrammeStore>.Instance, []);
        _store.LoadAtStart();
        _editor = new ProgrammeEditor(_store, options, refs, _bed.Time, [], NullLogger<ProgrammeEditor>.Instance);
    }

    public void Dispose() => _bed.Dispose();

    private static ProgrammeDraft Draft(string relay = "vov1", string minutes = "30") => new()
    {
        Title = "Tiếp sóng VOV1 trưa",
        Zones = ["khoi-1"],
        Relay = relay,
        RelayMinutes = minutes,
        Fallback = "m-xinloimats",
        Playlist = "m-bantinsang",
        Times = "11h30",
    };

    private static string Vi(string reason) => ProgrammeSaveResult.Render(reason, k => HubText.Default.Get(k, "vi"));

    [Fact]
    public void A_relay_made_in_the_form_is_written_loaded_and_edited_again()
    {
        var result = _editor.Create(Draft(), "can-bo-vh");

        result.Saved.Should().BeTrue(string.Join("; ", result.FieldErrors.SelectMany(f => f.Value.Select(v => f.Key + ": " + Vi(v)))));
        File.ReadAllText(result.File!).Should().Contain("relay: \"vov1\"").And.Contain("duration: \"30m\"").And.NotContain("playlist");
        var p = _store.Current!.Programmes.Single(x => x.Id == "tiep-song-vov1-trua");
        p.Content.Relay.Should().Be(new ProgrammeRelay("vov1", TimeSpan.FromMinutes(30)));
        p.Content.Fallback.Should().Be("m-xinloimats");
        _editor.Load(p.Id).Should().BeEquivalentTo(new { Relay = "vov1", RelayMinutes = "30", Fallback = "m-xinloimats", IsRelay = true });
    }

    [Fact]
    public void An_unknown_source_and_a_bad_length_are_shown_at_their_fields()
    {
        var unknown = _editor.Create(Draft(relay: "vov9"), "can-bo-vh");
        var bad = _editor.Create(Draft(minutes: "nua gio"), "can-bo-vh");

        unknown.Saved.Should().BeFalse();
        unknown.ErrorsOf("relay").Select(Vi).Should().Equal("không có nguồn tiếp sóng 'vov9' (xem: tanky-hub sources list)");
        bad.ErrorsOf("relay_minutes").Should().ContainSingle();
        File.Exists(Path.Combine(_bed.Folder, "tiep-song-vov1-trua.yaml")).Should().BeFalse();
    }

    [Fact]
    public void A_programme_playing_a_recording_is_edited_in_its_file()
    {
        _bed.Write("vov.yaml", """
            recordings:
              - { source: vov1, at: "05:00", duration: 30m, as: vov-thoi-su-sang }
            programmes:
              - id: vov-phat-lai
                title: Thời sự VOV phát lại
                zones: [khoi-1]
                content: [vov-thoi-su-sang]
                recurrence: { times: ["06:00"] }
            """);
        _store.Reload().Errors.Should().BeEmpty();

        _editor.Load("vov-phat-lai").Should().BeNull();
    }
}
