using TanKy.EndToEnd.Tests.Foundation;
using TanKy.Hub.Broadcasts;
using TanKy.Hub.Reports;
using TanKy.Hub.Reports.Broadcasting;
using TanKy.Hub.Shared;
using TanKy.Protocol;
using TanKy.Tests.Shared;

namespace TanKy.EndToEnd.Tests.Emergency;

/// <summary>
/// The indicator report and the broadcast's delivery report agree with what the simulated
/// speakers actually played (issue #17), over the real hub, broker and simulators on loopback.
/// </summary>
public sealed class ReportsAgree_Tests : IAsyncLifetime
{
    private EmergencyCommune _commune = null!;

    public async Task InitializeAsync() => _commune = await EmergencyCommune.StartAsync();

    public async Task DisposeAsync() => await _commune.DisposeAsync();

    [Fact]
    public async Task A_hamlet_taken_by_an_emergency_reports_the_airtime_its_speaker_played()
    {
        var khoi1 = await StartSpeakerAsync("loa-khoi-1-a");
        var xom3 = await StartSpeakerAsync("loa-xom-3-a");
        // 12 s, so that the emergency surely comes before its end even on a loaded machine.
        var bulletin = await _commune.ImportAsync("Bản tin dài", TimeSpan.FromSeconds(12), 300);
        var normal = await _commune.Broadcasts.PlayAsync(new BroadcastRequest(bulletin, BulletinClass.Normal, ["khoi-1", "xom-3"], "schedule", "schedule", Policy: PreemptionPolicy.Skip));
        await khoi1.WaitForPlaybackStartedAsync(normal.StreamId!, CommuneHarness.Wait);
        await xom3.WaitForPlaybackStartedAsync(normal.StreamId!, CommuneHarness.Wait);

        var alarm = await _commune.TriggerAsync(new { zones = new[] { "xom-3" }, media = _commune.ShortClip });
        await EmergencyCommune.EventuallyAsync(
            () => Settled(normal.BroadcastId, 2) && Settled(alarm, 1) && khoi1.PendingEvents == 0 && xom3.PendingEvents == 0,
            "both speakers to report how their streams ended");

        var airtime = Statistics().AirtimeByZone.ToDictionary(z => z.Zone, z => z.SecondsOnAir);
        var alarmStream = _commune.Broadcasts.Get(alarm)!.StreamId!;
        airtime["khoi-1"].Should().BeApproximately(Seconds(khoi1.PlaybackOf(normal.StreamId!)), 1);
        airtime["xom-3"].Should().BeApproximately(Seconds(xom3.PlaybackOf(normal.StreamId!)) + Seconds(xom3.PlaybackOf(alarmStream)), 1);
        _commune.Broadcasts.GetDeliveryReport(normal.BroadcastId).Nodes.Single(n => n.DeviceId == "loa-xom-3-a").Outcome.Should().Be("preempted");
        Seconds(xom3.PlaybackOf(normal.StreamId!)).Should().BeLessThan(Seconds(khoi1.PlaybackOf(normal.StreamId!)) - 5, "the emergency cut the bulletin in xom-3 only");
    }

    [Fact]
    public async Task An_emergency_stopped_at_once_reads_the_same_in_the_delivery_and_the_indicator_report()
    {
        var speakers = new[] { await StartSpeakerAsync("loa-khoi-1-a"), await StartSpeakerAsync("loa-xom-3-a") };

        var alarm = await _commune.TriggerAsync(new { zones = new[] { "khoi-1", "xom-3" }, media = _commune.LongClip });
        (await _commune.Officer.DeleteAsync("/api/v1/emergency/" + alarm)).IsSuccessStatusCode.Should().BeTrue();
        await EmergencyCommune.EventuallyAsync(() => Settled(alarm, 2) && speakers.All(s => s.PendingEvents == 0), "both speakers to report the stop");

        var delivery = _commune.Broadcasts.GetDeliveryReport(alarm);
        var indicator = Statistics().Emergencies.Should().ContainSingle().Subject;
        var stream = _commune.Broadcasts.Get(alarm)!.StreamId!;
        var heard = speakers.Count(s => s.PlaybackOf(stream) is { } p && (p.HasStarted || p.Played > 0));

        (indicator.Played, indicator.Targeted).Should().Be((delivery.Started, delivery.Targeted));
        delivery.Started.Should().Be(heard, "played means a speaker made a sound, in both reports");
    }

    private async Task<DeviceSim.Node.SimulatedNode> StartSpeakerAsync(string id)
    {
        var node = await _commune.C.StartNodeAsync(id);
        await node.WaitForClockSynchronisedAsync(CommuneHarness.Wait);
        return node;
    }

    private bool Settled(string broadcastId, int nodes)
    {
        var report = _commune.Broadcasts.GetDeliveryReport(broadcastId);
        return report.Nodes.Count == nodes && report.Nodes.All(n => n.Outcome is "finished" or "stopped" or "preempted" or "timeout");
    }

    private BroadcastSummary Statistics()
    {
        var today = CommuneTime.LocalDate(DateTimeOffset.UtcNow);
        var period = ReportPeriod.FromDates(today.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        return new BroadcastHistoryStatistics(_commune.C.Dir.Db, TimeProvider.System).Summarise(period, null);
    }

    private static double Seconds(DeviceSim.Audio.PlaybackStats? p) => p is null ? 0 : (p.Played + p.Concealed) * 0.02;
}
