using System.Net.Http.Json;
using System.Text.Json;
using TanKy.EndToEnd.Tests.Foundation;
using TanKy.EndToEnd.Tests.Programme;
using TanKy.Hub.Accounts;
using TanKy.Hub.Devices;
using TanKy.Hub.Shared;
using TanKy.Protocol;
using TanKy.Tests.Shared;

namespace TanKy.EndToEnd.Tests.Contract;

/// <summary>
/// Every message the real hub and the simulated devices publish validates against the
/// machine-readable contract (hub/docs/schemas, the §8.1.1 audio layout): a technician's
/// <c>tools</c> client records <c>tanky/v1/tan-ky/#</c> while the commune goes through births,
/// telemetry, clock sync, desired changes of every kind, commands and replies, a scheduled
/// airing pre-cached and played, a clean shutdown and an offline alert.
/// </summary>
public sealed class PublishedMessagesContract_Tests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const string ToolsPassword = "tools-password-for-contract";

    [Fact]
    public async Task Every_message_the_hub_and_the_simulator_publish_validates_against_the_contract()
    {
        await using var h = ProgrammeCommune.Prepare(out var schedules);
        foreach (var d in new[]
        {
            new NewDevice("cam-khoi-1", DeviceKind.Camera, ["khoi-1"], "Camera ngã tư Khối 1"),
            new NewDevice("led-khoi-1", DeviceKind.LedBoard, ["khoi-1"], "Bảng LED nhà văn hoá"),
        })
        {
            h.Secrets[d.Id] = h.Dir.Devices.Add(d);
        }

        var users = new UserStore(h.Dir.Db, TimeProvider.System);
        users.Add("ky-thuat", Role.Technician, []);
        var token = new TokenService(h.Dir.Db, users, TimeProvider.System).Create("ky-thuat");
        var settings = ProgrammeCommune.Settings(schedules);
        settings["Broker:Tools:Enabled"] = "true";
        settings["Broker:Tools:PasswordHash"] = SecretHasher.Hash(ToolsPassword, 1000);
        settings["Alerts:Thresholds:speaker"] = "00:00:00";
        settings["Alerts:CheckInterval"] = "00:00:00.500";
        await h.StartHubAsync(settings);
        await using var recorder = await ContractRecorder.ConnectAsync(h.Hub.MqttPort, "tan-ky", ToolsPassword);
        using var technician = h.Hub.ClientWithToken(token);

        var speaker = await h.StartNodeAsync("loa-khoi-1-a");
        foreach (var id in new[] { "wifi-khoi-1", "cam-khoi-1", "led-khoi-1" })
        {
            await h.StartNodeAsync(id);
        }

        var leaving = await h.StartNodeAsync("loa-xom-3-a");

        // A scheduled airing: pre-cache order (desired cache), cache states (reported), play
        // orders, audio, playback events, clock sync.
        var at = DateTimeOffset.UtcNow.AddSeconds(12);
        at = at.AddTicks(-(at.UtcTicks % TimeSpan.TicksPerSecond));
        ProgrammeCommune.WriteProgramme(schedules, "tin-hop-dong", at, "resume");

        // Desired state of every kind, and commands with ok and error replies.
        await SetAsync(technician, "loa-khoi-1-a", new { volume = 60, mute = false, power = true });
        await SetAsync(technician, "wifi-khoi-1", new { hours = "05:00-23:00", client_kbps = 2048, max_clients = 40, ssid_broadcast = true });
        await SetAsync(technician, "cam-khoi-1", new { recording = false });
        await SetAsync(technician, "led-khoi-1", new { brightness = 70, message = new { text = "Họp dân 19h tại nhà văn hoá", @class = "announcement", seconds = 600 } });
        await CommandAsync(technician, "loa-khoi-1-a", "ping");
        await CommandAsync(technician, "loa-khoi-1-a", "tone", new { freq_hz = 440, seconds = 1 });
        await CommandAsync(technician, "wifi-khoi-1", "status");
        await CommandAsync(technician, "led-khoi-1", "ping");
        await CommandAsync(technician, "cam-khoi-1", "ping");

        var aired = await ProgrammeCommune.UntilAsync(
            () => ProgrammeCommune.History(h, "tin-hop-dong") is { Outcome: "aired", BroadcastId: { } b } ? b : null, ProgrammeCommune.Long, "the airing");
        var stream = h.Hub.Get<Hub.Broadcasts.IBroadcastService>().Get(aired)!.StreamId!;
        await speaker.WaitForPlaybackFinishedAsync(stream, ProgrammeCommune.Long);
        await recorder.WaitForAsync("/dev/loa-khoi-1-a/event", "\"playback.finished\"", CommuneHarness.Wait);

        // A clean shutdown and the offline alert it opens.
        await leaving.StopAsync();
        await recorder.WaitForAsync("/dev/loa-xom-3-a/state", "offline", CommuneHarness.Wait);
        await recorder.WaitForAsync("/hub/alerts", "loa-xom-3-a", CommuneHarness.Wait);

        var messages = recorder.Messages;
        var violations = recorder.Violations(id => h.Dir.Devices.Get(id)?.Kind);
        var seen = messages.Select(m => Topics.TryParse(m.Topic, out var p) ? p.Kind.ToString() : m.Topic[(m.Topic.LastIndexOf('/') + 1)..])
            .GroupBy(k => k).ToDictionary(g => g.Key, g => g.Count());
        output.WriteLine($"{messages.Count} messages: " + string.Join(", ", seen.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key} {s.Value}")));

        violations.Should().BeEmpty("every published message follows the contract:\n" + string.Join("\n", violations.Take(40)));
        seen.Keys.Should().Contain(
            [
                nameof(TopicKind.HubState), nameof(TopicKind.DeviceState), nameof(TopicKind.Telemetry), nameof(TopicKind.Desired),
                nameof(TopicKind.Reported), nameof(TopicKind.Command), nameof(TopicKind.Reply), nameof(TopicKind.Event),
                nameof(TopicKind.TimeReply), nameof(TopicKind.ZonePlay), nameof(TopicKind.Stream), "alerts",
            ],
            "the run exercises every topic the hub or a device publishes (time requests are answered inside the embedded broker and not forwarded, §8.2.1)");
        messages.Should().Contain(m => m.Topic.EndsWith("/desired", StringComparison.Ordinal) && System.Text.Encoding.UTF8.GetString(m.Payload).Contains("\"cache\":[{", StringComparison.Ordinal),
            "the pre-cache order is among the checked messages");
    }

    private static async Task SetAsync(HttpClient technician, string id, object changes)
    {
        var response = await technician.PutAsJsonAsync($"/api/v1/devices/{id}/desired", changes);
        response.IsSuccessStatusCode.Should().BeTrue(await response.Content.ReadAsStringAsync());
    }

    private static async Task CommandAsync(HttpClient technician, string id, string op, object? args = null)
    {
        var response = await technician.PostAsJsonAsync($"/api/v1/devices/{id}/commands", new { op, args, timeout = 10 });
        response.EnsureSuccessStatusCode();
        var reply = await response.Content.ReadFromJsonAsync<JsonElement>();
        reply.GetProperty("status").GetString().Should().Be("ok", $"{op} to {id}: {reply}");
    }
}
