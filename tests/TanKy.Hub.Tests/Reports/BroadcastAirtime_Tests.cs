using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using TanKy.Hub.Broker;
using TanKy.Hub.Devices;
using TanKy.Hub.Reports;
using TanKy.Hub.Reports.Broadcasting;
using TanKy.Hub.Shared;
using TanKy.Hub.Tests.Broadcasts;
using TanKy.Protocol;
using TanKy.Protocol.Messages;

namespace TanKy.Hub.Tests.Reports;

/// <summary>
/// The indicator report's broadcasting figures agree with what the speakers reported (issue #17):
/// the real broadcast service on a fake clock, the real delivery tracker fed the speakers'
/// playback events, and the report read from the same tables. Hamlets: khoi-1 and xom-3 (one
/// speaker each, both online) and xom-5, which has no speaker and so no airtime.
/// </summary>
public sealed class BroadcastAirtime_Tests : IDisposable
{
    private static readonly ReportPeriod Day = ReportPeriod.Parse("2026-11-28");
    private readonly BroadcastHarness _h = new();
    private readonly IDeviceMessageHandler _tracker;

    public BroadcastAirtime_Tests()
    {
        _h.Dir.Zones.Add("xom-5", "Xóm 5");
        _h.Live.Find("loa-khoi-1-a")!.Status = DeviceStatus.Online;
        _h.Live.Find("loa-xom-3-a")!.Status = DeviceStatus.Online;
        _tracker = _h.NewTracker();
    }

    public void Dispose() => _h.Dispose();

    private long Now => _h.Dir.Time.GetUtcNow().ToUnixTimeMilliseconds();

    [Fact]
    public async Task A_hamlet_taken_by_a_higher_class_counts_only_what_its_speakers_played()
    {
        // A normal bulletin in both hamlets; after 4 s an emergency takes xom-3 only.
        var normal = await _h.Service.PlayAsync(BroadcastHarness.Request("tin-10s", policy: PreemptionPolicy.Skip));
        await _h.RunClockAsync(_h.Options.Lead, TimeSpan.FromMilliseconds(100));
        var started = Now;
        await SendAsync("loa-khoi-1-a", "playback.started", normal.StreamId!, null);
        await SendAsync("loa-xom-3-a", "playback.started", normal.StreamId!, null);
        await _h.RunClockAsync(TimeSpan.FromSeconds(4), TimeSpan.FromMilliseconds(100));

        var alarm = await _h.Service.PlayAsync(BroadcastHarness.Request("tin-1s", BulletinClass.Emergency, zones: "xom-3"));
        await _h.Mqtt.WaitUntilAsync(p => p.Any(x => BroadcastHarness.IsPlayOrder(x) && StreamPacing_Tests.Op(x) == "stop"), "the stop for xom-3");
        await SendAsync("loa-xom-3-a", "playback.finished", normal.StreamId!, Frames(Now - started, "stop"));
        await _h.RunClockAsync(_h.Options.Lead, TimeSpan.FromMilliseconds(100));
        var alarmStarted = Now;
        await SendAsync("loa-xom-3-a", "playback.started", alarm.StreamId!, null);
        await _h.RunClockAsync(TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(100));
        await SendAsync("loa-xom-3-a", "playback.finished", alarm.StreamId!, Frames(Now - alarmStarted, "end"));
        await _h.RunUntilIdleAsync(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(30));
        await SendAsync("loa-khoi-1-a", "playback.finished", normal.StreamId!, Frames(Now - started, "end"));

        var airtime = Statistics().AirtimeByZone.ToDictionary(z => z.Zone, z => z.SecondsOnAir);

        airtime.Keys.Should().Equal("khoi-1", "xom-3", "xom-5");
        airtime["khoi-1"].Should().BeApproximately(PlayedSeconds("loa-khoi-1-a"), 1).And.BeGreaterThan(8);
        airtime["xom-3"].Should().BeApproximately(PlayedSeconds("loa-xom-3-a"), 1, "4 s of the bulletin, then 1 s of the emergency");
        airtime["xom-3"].Should().BeLessThan(airtime["khoi-1"] - 3, "the emergency cut the bulletin in xom-3 only");
        airtime["xom-5"].Should().Be(0, "a hamlet with no airtime is shown as zero, not left out");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_emergency_cut_after_two_tenths_of_a_second_reads_the_same_in_both_reports(bool oneSpeakerStarted)
    {
        var alarm = await _h.Service.PlayAsync(BroadcastHarness.Request("tin-10s", BulletinClass.Emergency));
        await _h.RunClockAsync(TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(100));
        if (oneSpeakerStarted)
        {
            // A node with a short jitter buffer may already sound (here, 0.1 s of audio).
            await SendAsync("loa-khoi-1-a", "playback.started", alarm.StreamId!, null);
        }

        await _h.Service.StopAsync(alarm.BroadcastId, "truong-khoi");
        await SendAsync("loa-khoi-1-a", "playback.finished", alarm.StreamId!, Frames(oneSpeakerStarted ? 100 : 0, "stop"));
        await SendAsync("loa-xom-3-a", "playback.finished", alarm.StreamId!, Frames(0, "stop"));

        var delivery = _h.Service.GetDeliveryReport(alarm.BroadcastId);
        var emergency = Statistics().Emergencies.Should().ContainSingle().Subject;

        var played = oneSpeakerStarted ? 1 : 0;
        (delivery.Started, delivery.Targeted).Should().Be((played, 2), "a speaker stopped before its first frame did not play");
        (emergency.Played, emergency.Targeted).Should().Be((delivery.Started, delivery.Targeted));
        emergency.DeliveryPct.Should().Be(oneSpeakerStarted ? 50 : 0);
        emergency.ZoneNames.Should().Be("Khối 1, Xóm 3");

        var html = HtmlReportWriter.Write(Builder().Build(Day));
        html.Should().Contain($"data-col=\"played\" data-v=\"{played}\" data-targeted=\"2\">{played}/2</td>");
    }

    [Fact]
    public void Hamlets_without_any_broadcast_are_listed_with_zero_in_every_format()
    {
        var report = Builder().Build(Day);

        report.Broadcasting.AirtimeByZone.Select(z => (z.Name, z.SecondsOnAir)).Should().Equal(("Khối 1", 0.0), ("Xóm 3", 0.0), ("Xóm 5", 0.0));
        HtmlReportWriter.Write(report).Should().Contain("<tr data-zone=\"xom-5\"><td>Xóm 5</td><td class=\"num\" data-col=\"seconds_on_air\" data-v=\"0\">0 giây</td></tr>");
        JsonReportWriter.Write(report).Should().Contain("\"seconds_on_air\": 0");
    }

    private BroadcastSummary Statistics() => new BroadcastHistoryStatistics(_h.Dir.Db, _h.Dir.Time).Summarise(Day, null);

    private ReportBuilder Builder() => new(_h.Dir.Db, _h.Dir.Time, new BroadcastHistoryStatistics(_h.Dir.Db, _h.Dir.Time),
        Options.Create(new HubOptions()), Options.Create(new ReportOptions()));

    /// <summary>What the speaker itself says it played: its frame counts × 20 ms, over the day.</summary>
    private double PlayedSeconds(string device)
    {
        using var c = _h.Dir.Db.Open();
        return Dapper.SqlMapper.ExecuteScalar<long>(c, "SELECT COALESCE(SUM(frames_played), 0) FROM broadcast_deliveries WHERE device_id = @device", new { device }) * 0.02;
    }

    private static JsonObject Frames(long playedMs, string reason) =>
        new() { ["played"] = playedMs / 20, ["concealed"] = 0, ["late"] = 0, ["fec"] = 0, ["reason"] = reason };

    private async Task SendAsync(string device, string type, string stream, JsonObject? data)
    {
        var message = new EventMessage { V = 1, Type = type, Stream = stream, Data = data, Ts = Now };
        await _tracker.HandleAsync(new DeviceMessage(new ParsedTopic("tan-ky", TopicKind.Event, device), message, ProtocolJson.Serialize(message), _h.Dir.Time.GetUtcNow()), default);
    }
}
