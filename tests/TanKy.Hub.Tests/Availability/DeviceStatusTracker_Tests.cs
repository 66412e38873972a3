using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TanKy.Hub.Availability;
using TanKy.Hub.Broker;
using TanKy.Hub.Devices;
using TanKy.Hub.Tests.Support;
using TanKy.Protocol;
using TanKy.Protocol.Messages;
using TanKy.Hub.Shared;

namespace TanKy.Hub.Tests.Availability;

public sealed class DeviceStatusTracker_Tests : IDisposable
{
    private const string Id = "loa-khoi-1-a";
    private readonly TempDataDir _dir = new();
    private readonly LiveStatusTable _live;
    private readonly DeviceStatusTracker _tracker;
    private readonly SilenceWatchdog _watchdog;
    private readonly TelemetryRecorder _telemetry;

    public DeviceStatusTracker_Tests()
    {
        _dir.SeedTwoHamlets();
        var options = Options.Create(new HubOptions { TelemetryHistoryPerDevice = 3, TelemetryHistoryInterval = TimeSpan.Zero });
        _live = new LiveStatusTable(_dir.Devices);
        _live.Refresh();
        var transitions = new StatusTransitions(_dir.Db, NullLogger<StatusTransitions>.Instance);
        _telemetry = new TelemetryRecorder(_dir.Db, options, _dir.Time, NullLogger<TelemetryRecorder>.Instance);
        _tracker = new DeviceStatusTracker(_dir.Db, _live, transitions, _telemetry, options, NullLogger<DeviceStatusTracker>.Instance);
        _watchdog = new SilenceWatchdog(_live, transitions, _dir.Time, options, NullLogger<SilenceWatchdog>.Instance);
    }

    public void Dispose() => _dir.Dispose();

    private ValueTask Deliver(TopicKind kind, IProtocolMessage message) =>
        _tracker.HandleAsync(new DeviceMessage(new ParsedTopic("tan-ky", kind, Id), message, default, _dir.Time.GetUtcNow()), default);

    private static DeviceStateMessage Birth(int interval = 30) => new()
    {
        V = 1, Status = "online", Kind = "speaker", Fw = "1.2.0", Boot = "b1", Caps = ["opus", "tone"], Interval = interval, Ts = 1,
    };

    private List<(string Status, string Reason)> Events()
    {
        using var c = _dir.Db.Open();
        return c.Query<(string, string)>("SELECT status, reason FROM status_events WHERE device_id = @Id ORDER BY id", new { Id }).ToList();
    }

    [Fact]
    public async Task Birth_updates_the_registry_and_records_one_online_event()
    {
        await Deliver(TopicKind.DeviceState, Birth());
        await Deliver(TopicKind.DeviceState, Birth()); // retained birth replayed after a hub restart

        var device = _dir.Devices.Get(Id)!;
        device.Status.Should().Be("online");
        device.Firmware.Should().Be("1.2.0");
        device.Capabilities.Should().Equal("opus", "tone");
        device.LastSeen.Should().Be(_dir.Time.GetUtcNow());
        Events().Should().Equal(("online", "birth"));
    }

    [Fact]
    public async Task LastSeen_is_the_last_message_of_any_kind_not_the_birth()
    {
        await Deliver(TopicKind.Reported, new ReportedStateMessage { V = 1, Version = 0, State = new System.Text.Json.Nodes.JsonObject() });
        _live.LastSeen(Id).Should().Be(_dir.Time.GetUtcNow(), "a reported before the birth is a message from the device too (protocol.md §2.3)");
        _dir.Time.Advance(TimeSpan.FromSeconds(2));
        await Deliver(TopicKind.DeviceState, Birth());
        var born = _dir.Time.GetUtcNow();
        _dir.Time.Advance(TimeSpan.FromSeconds(30));
        await Deliver(TopicKind.Telemetry, new TelemetryMessage { V = 1, Seq = 0 });
        _dir.Time.Advance(TimeSpan.FromSeconds(15));
        await Deliver(TopicKind.Event, new EventMessage { V = 1, Type = "button.pressed" });
        var last = _dir.Time.GetUtcNow();

        _live.LastSeen(Id).Should().Be(last);
        var record = _dir.Devices.Get(Id)!;
        record.LastSeen.Should().Be(born, "the registry row is written at births and telemetry batches, not once per message");
        TanKy.Hub.Devices.Http.DeviceDto.From(record, _live).LastSeen.Should().Be(last, "GET /api/v1/devices/{id} shows the last message, telemetry and events included");

        _telemetry.Flush();
        _dir.Devices.Get(Id)!.LastSeen.Should().Be(born.AddSeconds(30), "the telemetry batch persists its own time");
    }

    [Fact]
    public async Task Will_and_clean_shutdown_are_both_recorded_as_offline_with_their_reason()
    {
        await Deliver(TopicKind.DeviceState, Birth());
        await Deliver(TopicKind.DeviceState, new DeviceStateMessage { V = 1, Status = "offline" });
        await Deliver(TopicKind.DeviceState, Birth());
        await Deliver(TopicKind.DeviceState, new DeviceStateMessage { V = 1, Status = "offline", Ts = 123 });

        Events().Should().Equal(("online", "birth"), ("offline", "will"), ("online", "birth"), ("offline", "shutdown"));
    }

    [Fact]
    public async Task Telemetry_silence_for_three_intervals_marks_offline_without_a_will()
    {
        await Deliver(TopicKind.DeviceState, Birth(interval: 10));
        _dir.Time.Advance(TimeSpan.FromSeconds(25));
        await Deliver(TopicKind.Telemetry, new TelemetryMessage { V = 1, Seq = 0, Interval = 10 });

        _dir.Time.Advance(TimeSpan.FromSeconds(30));
        _watchdog.Check().Should().Be(0, "exactly three intervals is not yet silence");
        _dir.Time.Advance(TimeSpan.FromSeconds(1));
        _watchdog.Check().Should().Be(1);

        Events().Should().Equal(("online", "birth"), ("offline", "silent"));

        await Deliver(TopicKind.Telemetry, new TelemetryMessage { V = 1, Seq = 1, Interval = 10 });
        Events().Last().Should().Be(("online", "telemetry"));
    }

    [Fact]
    public async Task Telemetry_keeps_the_latest_value_counts_gaps_and_bounds_history()
    {
        await Deliver(TopicKind.DeviceState, Birth());
        foreach (var seq in new long[] { 0, 1, 2, 5, 6 })
        {
            await Deliver(TopicKind.Telemetry, new TelemetryMessage { V = 1, Seq = seq, Metrics = new Dictionary<string, double> { ["temp_c"] = 30 + seq } });
        }

        _telemetry.Flush().Should().Be(5);

        using var c = _dir.Db.Open();
        var latest = c.QuerySingle<(long Seq, string Metrics, long Gaps)>("SELECT seq, metrics, gaps FROM telemetry_latest WHERE device_id = @Id", new { Id });
        latest.Seq.Should().Be(6);
        latest.Metrics.Should().Contain("36");
        latest.Gaps.Should().Be(2, "seq 3 and 4 never arrived");
        c.ExecuteScalar<long>("SELECT COUNT(*) FROM telemetry_history WHERE device_id = @Id", new { Id }).Should().Be(3);
    }

    [Fact]
    public void Status_line_counts_by_kind_and_hamlet()
    {
        _live.All.First(d => d.Id == Id).Status = "online";

        var line = FleetStatusLine.Build(_live.All);

        line.Should().Be("devices 1/2 online | by kind: speaker 1/2 | by hamlet: khoi-1 1/1, xom-3 0/1");
    }
}
