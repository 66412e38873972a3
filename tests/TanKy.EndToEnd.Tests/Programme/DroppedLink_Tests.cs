using System.Collections.Concurrent;
using Dapper;
using TanKy.DeviceSim.Node;
using TanKy.EndToEnd.Tests.Audio;
using TanKy.Tests.Shared;
using Xunit.Abstractions;

namespace TanKy.EndToEnd.Tests.Programme;

/// <summary>
/// Issue 4 "Dropped link" on the real path: a speaker pre-caches the airing over the protocol
/// (desired state, HTTP download), its link is really cut (a TCP relay drops and refuses it) 20 s
/// before airtime, four of its 5-second keep-alive periods: long enough for the keep-alive to notice
/// and the client to go through failed reconnects (the full minute without a link is
/// <see cref="DroppedLinkDriven_Tests"/>'s, on a driven clock, so this one need not idle for it); it still plays from its cache, and its
/// <c>playback.started</c> reaches the hub only after it has reconnected. The exact figures
/// (start error 0, the event held in the outbox) are <see cref="DroppedLinkDriven_Tests"/>'s.
/// </summary>
public sealed class DroppedLink_Tests(ITestOutputHelper output)
{
    private static readonly TimeSpan CutBefore = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Wait = CutBefore + ProgrammeCommune.Long;

    [Fact]
    public async Task A_node_cut_off_before_airtime_plays_from_its_cache_and_reports_after_reconnecting()
    {
        await using var h = ProgrammeCommune.Prepare(out var schedules);
        var settings = ProgrammeCommune.Settings(schedules);
        await h.StartHubAsync(settings);
        await using var node = new SimulatedNode(h.NodeOptions("loa-khoi-1-a") with { KeepAlive = KeepAlive, Faults = new FaultOptions { UseLinkProxy = true } });
        var activity = new ConcurrentQueue<NodeActivity>();
        node.Activity += (_, a) => activity.Enqueue(a);
        var online = h.WaitForStatusAsync("loa-khoi-1-a", Hub.Devices.DeviceStatus.Online);
        await node.StartAsync();
        await node.WaitUntilConnectedAsync(Foundation.CommuneHarness.Wait);
        await online;
        await h.WaitForRegistryZonesAsync(node);

        // The programme arrives once the node is online (a pre-cache order published while the
        // hub's MQTT side is still starting can be lost: see the report).
        var at = DateTimeOffset.UtcNow + CutBefore + TimeSpan.FromSeconds(20);
        at = at.AddTicks(-(at.UtcTicks % TimeSpan.TicksPerSecond));
        ProgrammeCommune.WriteProgramme(schedules, "tin-cache", at, "resume");
        var airing = Hub.Schedules.Planning.OccurrenceKeys.AiringId("tin-cache", at);

        await ProgrammeCommune.WaitCacheReadyAsync(h, node, "tin-cache");
        (at - DateTimeOffset.UtcNow).Should().BeGreaterThan(CutBefore, "the set-up must leave time to cut the link before airtime");
        await Task.Delay(at - DateTimeOffset.UtcNow - CutBefore);
        node.Link!.Cut();

        var played = await node.WaitForPlaybackStartedAsync(airing, Wait);
        output.WriteLine(GroundTruth.Describe(node.DeviceId, played));

        // From its cache: the first frame it played is on the airing's own grid, which starts at
        // airtime less the pre-skip (later only by whole frames a stalled host let pass).
        var grid = (at.ToUnixTimeMilliseconds() * 1000) - (AiringRecords.ClipPreSkipMicros(h, ProgrammeCommune.Chime));
        output.WriteLine($"first frame played {played.IntendedMicros - grid} µs after the airing's first slot; link cut {CutBefore.TotalSeconds} s before airtime");
        played.IntendedMicros.Should().BeGreaterThanOrEqualTo(grid);
        ((played.IntendedMicros!.Value - grid) % 20_000).Should().Be(0, "cached frames play in the airing's slots");
        Math.Abs(GroundTruth.ClockEstimateErrorMicros(played)).Should().BeLessThanOrEqualTo(GroundTruth.ClockEstimateBoundMicros, "the clock estimate held while the link was cut");

        // The link is still cut: the started event is waiting in the node, so the hub cannot know.
        node.IsConnected.Should().BeFalse("the link is still cut");
        node.PendingEvents.Should().BeGreaterThan(0, "the started event waits for the link");
        StartedAt(h, airing).Should().BeNull("the only way to the hub is the cut link");
        node.Link.Restore();

        await ProgrammeCommune.UntilAsync(() => StartedAt(h, airing) is not null ? "started" : null, ProgrammeCommune.Long, "the started event at the hub after the reconnect");
        var log = activity.ToList();
        var startedIndex = log.FindIndex(a => a.Kind == NodeActivityKind.PlaybackStarted && a.Detail == airing);
        log.FindIndex(a => a.Kind == NodeActivityKind.Disconnected).Should().BeInRange(0, startedIndex - 1, "the link was down when the airing started");
        log.FindLastIndex(a => a.Kind == NodeActivityKind.Connected).Should().BeGreaterThan(startedIndex, "the node reconnected after the start, and only then could the hub hear of it");
        (await node.WaitForPlaybackFinishedAsync(airing, ProgrammeCommune.Long)).Reason.Should().Be(DeviceSim.Audio.PlaybackEndReason.End);
    }

    private static long? StartedAt(Foundation.CommuneHarness h, string stream)
    {
        using var c = h.Dir.Db.Open();
        return c.ExecuteScalar<long?>("SELECT started_at FROM broadcast_deliveries WHERE stream_id = @stream AND device_id = 'loa-khoi-1-a'", new { stream });
    }
}
