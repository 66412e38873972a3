using TanKy.DeviceSim.Audio;
using TanKy.Hub.Schedules;
using TanKy.Tests.Shared;

namespace TanKy.EndToEnd.Tests.Programme;

/// <summary>
/// Issue #14: a 50,000-deep YAML file and a 33 MB file dropped into the schedules folder while a
/// programme is on air are each refused with an error by the folder watcher, the hub lives on,
/// and the airing plays to its end on the speaker. Real hub, real folder watcher, real speaker.
/// </summary>
public sealed class HostileScheduleFile_Tests
{
    [Fact]
    public async Task Hostile_files_dropped_during_an_airing_are_refused_and_the_airing_plays_to_its_end()
    {
        await using var h = ProgrammeCommune.Prepare(out var schedules);
        await h.StartHubAsync(ProgrammeCommune.Settings(schedules));
        var node = await h.StartNodeAsync("loa-khoi-1-a");
        var at = DateTimeOffset.UtcNow.AddSeconds(8);
        at = at.AddTicks(-(at.UtcTicks % TimeSpan.TicksPerSecond));
        ProgrammeCommune.WriteProgramme(schedules, "tin-thu", at, "resume");
        var stream = Hub.Schedules.Planning.OccurrenceKeys.AiringId("tin-thu", at);
        await node.WaitForPlaybackStartedAsync(stream, ProgrammeCommune.Long);
        var store = h.Hub.Get<ProgrammeStore>();
        var programme = store.Current!;

        var deep = Path.Combine(schedules, "tan-cong.yaml");
        await File.WriteAllTextAsync(deep, "programmes: " + new string('[', 50_000) + new string(']', 50_000) + "\n");
        var huge = Path.Combine(schedules, "khong-lo.yaml");
        await using (var f = File.Create(huge))
        {
            f.SetLength(33L * 1024 * 1024);
        }

        await ProgrammeCommune.UntilAsync(() => store.LastErrors.Count == 2 ? "refused" : null, ProgrammeCommune.Long, "the watcher to refuse both files");
        store.LastErrors.Select(e => e.ToString()).Should().SatisfyRespectively(
            e => e.Should().StartWith($"{huge}:1:1: ").And.Contain("file too large"),
            e => e.Should().StartWith($"{deep}:1:76: ").And.Contain("nested deeper than 64 levels"));
        store.Current.Should().BeSameAs(programme, "the last valid programme stays");
        var played = await node.WaitForPlaybackFinishedAsync(stream, ProgrammeCommune.Long);
        played.Reason.Should().Be(PlaybackEndReason.End, "the airing plays to its end");
        (await h.Hub.Http.GetAsync("/health")).IsSuccessStatusCode.Should().BeTrue();
    }
}
