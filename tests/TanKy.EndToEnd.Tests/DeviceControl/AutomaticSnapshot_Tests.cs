using System.Net.Http.Json;
using System.Text.Json;
using TanKy.DeviceSim.Commands;
using TanKy.DeviceSim.Node;
using TanKy.EndToEnd.Tests.Foundation;
using TanKy.Hub.Devices.Control.Snapshots;
using TanKy.Hub.Tests.Support;

namespace TanKy.EndToEnd.Tests.DeviceControl;

/// <summary>
/// Automatic camera snapshots (issue #17) through the real hub, broker and simulated camera, on a
/// clock the test moves forward: the hub's schedule sends the ordinary snapshot command, the camera
/// uploads over HTTP as for a technician's button, and the image is stored.
/// </summary>
public sealed class AutomaticSnapshot_Tests : IAsyncLifetime
{
    private readonly RunningClock _clock = new(DateTimeOffset.UtcNow);
    private ControlCommune _k = null!;

    public async Task InitializeAsync() => _k = await ControlCommune.StartAsync(_clock, new Dictionary<string, string>
    {
        ["DeviceControl:SnapshotScheduleTick"] = "00:00:00.200",

        // A jump of minutes is minutes of telemetry silence to the watchdog: keep the camera online through it.
        ["Hub:SilentIntervalsBeforeOffline"] = "100000",
    });

    public async Task DisposeAsync() => await _k.DisposeAsync();

    [Fact]
    public async Task A_camera_on_a_five_minute_schedule_has_a_stored_snapshot_once_five_minutes_have_passed()
    {
        var camera = await _k.StartAsync("cam-khoi-1");
        var snapshot = new TaskCompletionSource<CommandOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        camera.Activity += (_, a) =>
        {
            if (a.Kind == NodeActivityKind.CommandHandled && a.Command is { Op: "snapshot" } handled)
            {
                snapshot.TrySetResult(handled);
            }
        };
        (await _k.Technician.PutAsJsonAsync("/api/v1/devices/cam-khoi-1/snapshot-schedule", new { everyMinutes = 5 })).EnsureSuccessStatusCode();

        _clock.Jump(TimeSpan.FromMinutes(4));
        (await _k.C.Hub.Get<SnapshotScheduler>().RunDueAsync()).Should().Be(0, "4 of the 5 minutes have passed");
        snapshot.Task.IsCompleted.Should().BeFalse();

        _clock.Jump(TimeSpan.FromMinutes(1));
        var outcome = await snapshot.Task.WaitAsync(CommuneHarness.Wait);

        outcome.Status.Should().Be("ok", outcome.Error);
        var stored = await _k.Technician.GetFromJsonAsync<JsonElement>("/api/v1/devices/cam-khoi-1/snapshots");
        stored.EnumerateArray().Select(s => s.GetProperty("commandId").GetString()).Should().Equal(outcome.Id);
        var command = await _k.Technician.GetFromJsonAsync<JsonElement>($"/api/v1/devices/cam-khoi-1/commands/{outcome.Id}");
        command.GetProperty("issuedBy").GetString().Should().Be(SnapshotScheduler.IssuedBy);
        var image = await _k.Technician.GetByteArrayAsync($"/api/v1/devices/cam-khoi-1/snapshots/{outcome.Id}");
        image[..3].Should().Equal(0xFF, 0xD8, 0xFF);
    }
}
