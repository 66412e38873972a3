using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TanKy.Hub.Availability;
using TanKy.Hub.Availability.OfflineAlerts;
using TanKy.Hub.Availability.Maintenance;
using TanKy.Hub.Devices;
using TanKy.Hub.Tests.Support;
using TanKy.Hub.Shared;

namespace TanKy.Hub.Tests.Availability;

public sealed class AlertMonitor_Tests : IDisposable
{
    private const string Speaker = "loa-khoi-1-a";
    private readonly TempDataDir _dir = new();
    private readonly LiveStatusTable _live;
    private readonly StatusTransitions _transitions;
    private readonly AlertStore _store;
    private readonly RecordingNotifier _notifier = new();
    private readonly AlertMonitor _monitor;

    public AlertMonitor_Tests()
    {
        _dir.SeedTwoHamlets();
        _live = new LiveStatusTable(_dir.Devices);
        _live.Refresh();
        _transitions = new StatusTransitions(_dir.Db, NullLogger<StatusTransitions>.Instance);
        _store = new AlertStore(_dir.Db);
        _monitor = new AlertMonitor(_dir.Db, _store, [_notifier], _dir.Time, Options.Create(new AlertOptions()), NullLogger<AlertMonitor>.Instance);
    }

    public void Dispose() => _dir.Dispose();

    private void Set(string status, string reason = "will") => _transitions.Apply(_live.Find(Speaker)!, status, reason, _dir.Time.GetUtcNow());

    [Fact]
    public async Task An_alert_opens_when_the_threshold_is_reached_and_closes_on_recovery()
    {
        Set(DeviceStatus.Online, "birth");
        var wentOffline = _dir.Time.GetUtcNow();
        Set(DeviceStatus.Offline);

        _dir.Time.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(1));
        (await _monitor.CheckAsync()).Should().BeEmpty("a speaker may be offline for 10 minutes");

        _dir.Time.Advance(TimeSpan.FromSeconds(1));
        var opened = (await _monitor.CheckAsync()).Should().ContainSingle().Subject;
        opened.Opened.Should().BeTrue();
        opened.Alert.DeviceId.Should().Be(Speaker);
        opened.Alert.OfflineSince.Should().Be(wentOffline);
        opened.Alert.OpenedAt.Should().Be(wentOffline.AddMinutes(10));
        opened.Alert.Zones.Should().Equal("khoi-1");
        (await _monitor.CheckAsync()).Should().BeEmpty("one open alert per device");

        _dir.Time.Advance(TimeSpan.FromMinutes(5));
        Set(DeviceStatus.Online, "birth");
        var closed = (await _monitor.CheckAsync()).Should().ContainSingle().Subject;
        closed.Opened.Should().BeFalse();
        closed.Alert.ClosedAt.Should().Be(wentOffline.AddMinutes(15));
        closed.Alert.CloseReason.Should().Be("recovered");

        _store.List(open: true).Should().BeEmpty();
        _store.List(open: false).Should().ContainSingle().Which.Id.Should().Be(opened.Alert.Id);
        _notifier.Changes.Select(c => c.Opened).Should().Equal(true, false);
        _notifier.LastOpen.Should().BeEmpty();
    }

    [Fact]
    public async Task Thresholds_are_per_kind_and_configurable()
    {
        var options = new AlertOptions();
        options.Thresholds["speaker"] = TimeSpan.FromMinutes(2);
        var monitor = new AlertMonitor(_dir.Db, _store, [], _dir.Time, Options.Create(options), NullLogger<AlertMonitor>.Instance);
        Set(DeviceStatus.Offline);

        _dir.Time.Advance(TimeSpan.FromMinutes(2));

        (await monitor.CheckAsync()).Should().ContainSingle(c => c.Opened);
    }

    [Fact]
    public async Task No_alert_opens_during_planned_maintenance()
    {
        new MaintenanceStore(_dir.Db, _dir.Time).Add(MaintenanceScope.Zone, "khoi-1", _dir.Time.GetUtcNow(), _dir.Time.GetUtcNow().AddHours(1), "Sửa đường dây");
        Set(DeviceStatus.Offline);

        _dir.Time.Advance(TimeSpan.FromMinutes(30));
        (await _monitor.CheckAsync()).Should().BeEmpty();

        _dir.Time.Advance(TimeSpan.FromMinutes(30));
        (await _monitor.CheckAsync()).Should().ContainSingle(c => c.Opened, "the window is over and the device is still offline");
    }

    [Fact]
    public async Task Removing_the_device_closes_its_alert()
    {
        Set(DeviceStatus.Offline);
        _dir.Time.Advance(TimeSpan.FromMinutes(11));
        await _monitor.CheckAsync();

        _dir.Devices.Remove(Speaker);

        (await _monitor.CheckAsync()).Should().ContainSingle().Which.Alert.CloseReason.Should().Be("removed");
    }

    [Fact]
    public async Task The_webhook_receives_the_alert_as_json()
    {
        // The receiver on a port Kestrel binds itself (HttpListener cannot bind port 0).
        var received = new TaskCompletionSource<(string Method, string? ContentType, JsonDocument Body)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        await using var receiver = builder.Build();
        receiver.MapPost("/hook/", async (HttpRequest request) =>
        {
            received.TrySetResult((request.Method, request.ContentType, await JsonDocument.ParseAsync(request.Body)));
            return Results.NoContent();
        });
        await receiver.StartAsync();
        var options = new AlertOptions { Webhook = new WebhookOptions { Url = receiver.Urls.Single() + "/hook/" } };
        using var sender = new WebhookAlertSender(Options.Create(options), Options.Create(new HubOptions()), _dir.Time, NullLogger<WebhookAlertSender>.Instance);
        await sender.StartAsync(default);
        var monitor = new AlertMonitor(_dir.Db, _store, [sender], _dir.Time, Options.Create(options), NullLogger<AlertMonitor>.Instance);
        Set(DeviceStatus.Offline);
        _dir.Time.Advance(TimeSpan.FromMinutes(10));

        await monitor.CheckAsync();
        var (method, contentType, body) = await received.Task.WaitAsync(TimeSpan.FromSeconds(10));
        using var json = body;

        method.Should().Be("POST");
        contentType.Should().StartWith("application/json");
        var root = json.RootElement;
        root.GetProperty("v").GetInt32().Should().Be(1);
        root.GetProperty("event").GetString().Should().Be("opened");
        root.GetProperty("site").GetString().Should().Be("tan-ky");
        root.GetProperty("alert").GetProperty("device").GetString().Should().Be(Speaker);
        root.GetProperty("alert").GetProperty("since").GetInt64().Should().Be(_dir.Time.GetUtcNow().AddMinutes(-10).ToUnixTimeMilliseconds());
        await sender.StopAsync(default);
        await receiver.StopAsync();
    }

    private sealed class RecordingNotifier : IAlertNotifier
    {
        public List<AlertChange> Changes { get; } = [];

        public IReadOnlyList<Alert> LastOpen { get; private set; } = [];

        public Task NotifyAsync(IReadOnlyList<AlertChange> changes, IReadOnlyList<Alert> open, CancellationToken cancellationToken)
        {
            Changes.AddRange(changes);
            LastOpen = open;
            return Task.CompletedTask;
        }
    }
}
