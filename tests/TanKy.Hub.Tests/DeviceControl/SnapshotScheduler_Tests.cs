using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using TanKy.Hub.Devices;
using TanKy.Hub.Devices.Control.Commands;
using TanKy.Hub.Devices.Control.Snapshots;
using TanKy.Protocol;
using TanKy.Protocol.Messages;

namespace TanKy.Hub.Tests.DeviceControl;

/// <summary>Automatic camera snapshots on a driven clock: the hub's own schedule over the ordinary snapshot command.</summary>
public sealed class SnapshotScheduler_Tests : IDisposable
{
    private const string Camera = "cam-khoi-3";

    private readonly ControlFixture _f = new();
    private readonly Presence _presence = new();
    private readonly SnapshotScheduleStore _store;
    private readonly SnapshotScheduler _scheduler;

    public SnapshotScheduler_Tests()
    {
        _f.Dir.Devices.Add(new NewDevice(Camera, DeviceKind.Camera, ["khoi-3"], "Camera ngã tư Khối 3"));
        SetCapabilities(Camera, "snapshot,power");
        _presence.Online.Add(Camera);
        _store = new SnapshotScheduleStore(_f.Dir.Db, _f.Time);
        _scheduler = new SnapshotScheduler(_store, _f.Commands, _f.Dir.Devices, _presence, _f.Control, _f.Time, NullLogger<SnapshotScheduler>.Instance);
    }

    public void Dispose() => _f.Dispose();

    [Fact]
    public async Task No_snapshot_before_the_interval_and_one_snapshot_command_at_it()
    {
        _store.Set(Camera, 30, "ky-thuat");

        _f.Time.Advance(TimeSpan.FromMinutes(30) - TimeSpan.FromSeconds(1));
        (await _scheduler.RunDueAsync()).Should().Be(0);
        _f.Mqtt.Published.Should().BeEmpty();

        _f.Time.Advance(TimeSpan.FromSeconds(1));
        (await _scheduler.RunDueAsync()).Should().Be(1);
        (await _scheduler.RunDueAsync()).Should().Be(0, "one round sends one command, not one per check");

        var (topic, json, _) = _f.Mqtt.Published.Single();
        topic.Should().Be($"tanky/v1/tan-ky/dev/{Camera}/cmd");
        json["op"]!.GetValue<string>().Should().Be("snapshot");
        var id = json["id"]!.GetValue<string>();
        json["args"]!["url"]!.GetValue<string>().Should().EndWith($"/api/v1/devices/{Camera}/snapshots/{id}");
        var command = _f.Commands.Get(id)!;
        command.IssuedBy.Should().Be(SnapshotScheduler.IssuedBy);
        command.Status.Should().Be(CommandStatus.Pending);
        _store.Get(Camera)!.Should().Match<SnapshotSchedule>(s => s.LastCommandId == id && s.LastIssuedAt == _f.Time.GetUtcNow());
    }

    [Fact]
    public async Task No_new_snapshot_while_the_previous_one_is_pending()
    {
        _store.Set(Camera, 5, null);
        _f.Time.Advance(TimeSpan.FromMinutes(5));
        (await _scheduler.RunDueAsync()).Should().Be(1);
        var first = _store.Get(Camera)!.LastCommandId!;

        _f.Time.Advance(TimeSpan.FromMinutes(5));
        (await _scheduler.RunDueAsync()).Should().Be(0, "the first snapshot is still pending");
        _f.Mqtt.Published.Should().ContainSingle();

        _f.Ledger.Complete(Camera, new ReplyMessage { V = 1, Id = first, Status = "ok" }, _f.Time.GetUtcNow()).Should().BeTrue();
        (await _scheduler.RunDueAsync()).Should().Be(1, "the overdue snapshot goes as soon as the previous one is answered");
        _store.Get(Camera)!.LastCommandId.Should().NotBe(first);
    }

    [Fact]
    public async Task A_timed_out_snapshot_no_longer_blocks_the_next()
    {
        _store.Set(Camera, 5, null);
        _f.Time.Advance(TimeSpan.FromMinutes(5));
        await _scheduler.RunDueAsync();

        _f.Time.Advance(TimeSpan.FromMinutes(5));
        _f.Ledger.SweepTimeouts().Should().Be(1);
        (await _scheduler.RunDueAsync()).Should().Be(1);
    }

    [Fact]
    public async Task An_offline_camera_is_skipped_and_taken_when_it_is_back()
    {
        _presence.Online.Clear();
        _store.Set(Camera, 30, null);

        _f.Time.Advance(TimeSpan.FromHours(2));
        (await _scheduler.RunDueAsync()).Should().Be(0);
        _f.Mqtt.Published.Should().BeEmpty();

        _presence.Online.Add(Camera);
        (await _scheduler.RunDueAsync()).Should().Be(1, "one snapshot when it is back, not the four it missed");
        _f.Ledger.Complete(Camera, new ReplyMessage { V = 1, Id = _store.Get(Camera)!.LastCommandId!, Status = "ok" }, _f.Time.GetUtcNow());

        _f.Time.Advance(TimeSpan.FromMinutes(29));
        (await _scheduler.RunDueAsync()).Should().Be(0, "the next interval counts from the snapshot taken when it came back");
        _f.Time.Advance(TimeSpan.FromMinutes(1));
        (await _scheduler.RunDueAsync()).Should().Be(1);
    }

    [Fact]
    public async Task A_camera_without_the_snapshot_capability_or_switched_off_gets_none()
    {
        SetCapabilities(Camera, "power");
        _store.Set(Camera, 5, null);
        _f.Time.Advance(TimeSpan.FromMinutes(10));
        (await _scheduler.RunDueAsync()).Should().Be(0);

        SetCapabilities(Camera, "snapshot,power");
        _store.Set(Camera, null, null);
        _store.Get(Camera).Should().BeNull();
        (await _scheduler.RunDueAsync()).Should().Be(0);
        _f.Mqtt.Published.Should().BeEmpty();
    }

    [Fact]
    public void The_database_refuses_an_interval_outside_5_to_1440_minutes()
    {
        var tooShort = () => _store.Set(Camera, 4, null);
        var tooLong = () => _store.Set(Camera, 1441, null);

        tooShort.Should().Throw<Microsoft.Data.Sqlite.SqliteException>();
        tooLong.Should().Throw<Microsoft.Data.Sqlite.SqliteException>();
    }

    private void SetCapabilities(string id, string caps)
    {
        using var c = _f.Dir.Db.Open();
        c.Execute("UPDATE devices SET capabilities = @caps WHERE id = @id", new { caps, id });
    }

    private sealed class Presence : IDevicePresence
    {
        public HashSet<string> Online { get; } = new(StringComparer.Ordinal);

        public bool IsOnline(string deviceId) => Online.Contains(deviceId);

        public DateTimeOffset? LastSeen(string deviceId) => null;
    }
}
