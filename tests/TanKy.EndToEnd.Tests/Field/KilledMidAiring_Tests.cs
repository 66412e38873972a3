using Dapper;
using TanKy.DeviceSim.Node;
using TanKy.EndToEnd.Tests.Foundation;
using TanKy.EndToEnd.Tests.Programme;
using TanKy.Hub.Accounts;
using TanKy.Hub.Tests.Support;
using TanKy.Tests.Shared;

namespace TanKy.EndToEnd.Tests.Field;

/// <summary>
/// The hub (a separate process) is killed with SIGKILL while an airing is on the air. Restarted
/// within the programme's <c>play_late_within</c> (1 min), it plays the airing again from the
/// start, late, for the speakers the kill silenced, and the history says aired with how late; a
/// speaker that had the airing in its pre-cache plays it to its end through the kill.
/// </summary>
public sealed class KilledMidAiring_Tests
{
    [Fact]
    public async Task An_airing_cut_by_a_kill_is_played_again_within_its_misfire_window()
    {
        var harness = ProgrammeCommune.Prepare(out var schedules); // its hub is the child process below
        using var dir = harness.Dir;
        var token = harness.Dir.Db.AddWithToken("van-hoa", Role.Admin);
        string[] hubArgs = [$"--Schedules:Directory={schedules}", "--Schedules:OutcomeInterval=00:00:00.5"];
        var hub = await HubChildProcess.StartAsync(harness.Dir.Path, token, hubArgs, TimeSpan.FromSeconds(60));
        var mqttPort = hub.MqttPort;
        await using var node = new SimulatedNode(harness.NodeOptions("loa-khoi-1-a", mqttPort) with { ReconnectCap = TimeSpan.FromSeconds(1) });
        try
        {
            await node.StartAsync();
            await node.WaitUntilConnectedAsync(CommuneHarness.Wait);
            await harness.WaitForRegistryZonesAsync(node);
            var at = DateTimeOffset.UtcNow.AddSeconds(10);
            at = at.AddTicks(-(at.UtcTicks % TimeSpan.TicksPerSecond));
            ProgrammeCommune.WriteProgramme(schedules, "tin-thu", at, "resume"); // 1 s chime + 8 s bulletin, play_late_within: 1m

            var first = await ProgrammeCommune.UntilAsync(() => ProgrammeCommune.History(harness, "tin-thu") is { Outcome: "fired", BroadcastId: { } b } ? b : null, ProgrammeCommune.Long, "the airing on the air");
            await ProgrammeCommune.UntilAsync(() => node.PlaybackOf(Hub.Schedules.Planning.OccurrenceKeys.AiringId("tin-thu", at)) is { HasStarted: true } p ? p : null, ProgrammeCommune.Long, "the speaker playing it");
            await Task.Delay(TimeSpan.FromSeconds(3)); // mid-bulletin, and late enough to be recorded as late
            await hub.KillAsync();
            await hub.DisposeAsync();
            // The port the speaker knows, given explicitly: ours, released by the kill just before (see KillNine_Tests).
            hub = await HubChildProcess.StartAsync(harness.Dir.Path, token, hubArgs, TimeSpan.FromSeconds(60), mqttPort);

            var outcome = await ProgrammeCommune.UntilAsync(() => ProgrammeCommune.History(harness, "tin-thu") is { Outcome: not "fired" } r ? r.Outcome : null, TimeSpan.FromSeconds(90), "the replayed airing settled");
            var settled = ProgrammeCommune.History(harness, "tin-thu")!.Value;
            outcome.Should().Be("aired", hub.Tail);
            settled.Reason.Should().Contain("played late by", $"first {first}, now {settled}");
            settled.BroadcastId.Should().NotBe(first, "a new broadcast played it again");
            using var c = harness.Dir.Db.Open();
            c.ExecuteScalar<string>("SELECT status FROM broadcasts WHERE id = @first", new { first }).Should().Be("failed", "the broadcast the kill cut is not counted as aired");
            // The speaker had the airing in its pre-cache: the kill did not silence it, it played
            // the airing to its end from the cache (a speaker without the cache gets the replay).
            var cached = await ProgrammeCommune.UntilAsync(() => node.PlaybackOf(Hub.Schedules.Planning.OccurrenceKeys.AiringId("tin-thu", at)) is { Reason: not null } p ? p : null, ProgrammeCommune.Long, "the cached airing's end");
            cached.Reason.Should().Be(DeviceSim.Audio.PlaybackEndReason.End);
        }
        finally
        {
            await hub.DisposeAsync();
        }
    }
}
