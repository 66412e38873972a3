using TanKy.Hub.Shared.Text;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TanKy.Hub.Emergency;
using TanKy.Hub.Web.Console;
using TanKy.Web.Tests.Support;

namespace TanKy.Web.Tests.Broadcast;

/// <summary>
/// Issue #14, audit, console path: the requests the "Phát ngay" page sends (broadcast.js: a
/// signed-in session with the antiforgery header) write rows whose channel is <c>console</c>.
/// Real HTTP on the real hub, no browser needed.
/// </summary>
public sealed class EmergencyConsoleAudit_Tests
{
    [Fact]
    public async Task An_emergency_from_the_console_form_its_stop_and_a_refused_attempt_each_write_one_complete_console_row()
    {
        await using var hub = await ConsoleHub.StartAsync();
        hub.AddHamletHead();
        var clip = await hub.ImportClipAsync("Thông báo khẩn", TimeSpan.FromSeconds(10));
        using var admin = await SignedInAsync(hub, ConsoleHub.AdminName, ConsoleHub.AdminPassword);
        using var head = await SignedInAsync(hub, ConsoleHub.HeadName, ConsoleHub.HeadPassword);

        var start = await admin.SendAsync(HttpMethod.Post, "/api/v1/emergency", new { zones = new[] { "khoi-1" }, media = clip, @class = "emergency" });
        start.StatusCode.Should().Be(HttpStatusCode.Accepted, await start.Content.ReadAsStringAsync());
        var id = (await start.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        (await admin.SendAsync(HttpMethod.Delete, "/api/v1/emergency/" + id, null)).StatusCode.Should().Be(HttpStatusCode.OK);
        var refused = await head.SendAsync(HttpMethod.Post, "/api/v1/emergency", new { zones = new[] { "xom-3" }, media = clip, @class = "emergency" });
        refused.StatusCode.Should().Be(HttpStatusCode.Forbidden);

        var rows = hub.Get<TriggerAudit>().Query(new TriggerAuditQuery()).Reverse().ToList();
        rows.Select(r => (r.Actor, r.Role, r.Action, r.Allowed, r.BroadcastId)).Should().Equal(
            (ConsoleHub.AdminName, "admin", TriggerAction.Start, true, id),
            (ConsoleHub.AdminName, "admin", TriggerAction.Cancel, true, id),
            (ConsoleHub.HeadName, "hamlet-head", TriggerAction.Start, false, (string?)null));
        rows.Should().OnlyContain(r => r.Channel == TriggerChannel.Console && r.Class == "emergency" && r.Reason != null && r.Remote == "127.0.0.1");
        rows.Select(r => string.Join(',', r.Zones)).Should().Equal("khoi-1", "khoi-1", "xom-3");
        HubText.Default.Render(rows[2].What, "vi").Should().Be($"Khẩn cấp: bản tin {clip}");
        (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("audit").GetInt64().Should().Be(rows[2].Id);
    }

    [Fact]
    public async Task A_priority_broadcast_from_the_console_and_its_stop_are_console_rows()
    {
        await using var hub = await ConsoleHub.StartAsync();
        var clip = await hub.ImportClipAsync("Thông báo ưu tiên", TimeSpan.FromSeconds(10));
        using var admin = await SignedInAsync(hub, ConsoleHub.AdminName, ConsoleHub.AdminPassword);

        var start = await admin.SendAsync(HttpMethod.Post, "/api/v1/broadcasts", new { zones = new[] { "xom-3" }, media = clip, @class = "priority", source = "console" });
        var id = (await start.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        (await admin.SendAsync(HttpMethod.Delete, "/api/v1/broadcasts/" + id, null)).StatusCode.Should().Be(HttpStatusCode.OK);

        var rows = hub.Get<TriggerAudit>().Query(new TriggerAuditQuery()).Reverse().ToList();
        rows.Select(r => (r.Action, r.Channel, r.Class, r.BroadcastId)).Should().Equal(
            (TriggerAction.Start, TriggerChannel.Console, "priority", id),
            (TriggerAction.Stop, TriggerChannel.Console, "priority", id));
        rows.Should().OnlyContain(r => r.Actor == ConsoleHub.AdminName && r.Role == "admin" && r.Allowed && r.Zones.SequenceEqual(new[] { "xom-3" }));
    }

    private static async Task<SignedIn> SignedInAsync(ConsoleHub hub, string name, string password)
    {
        var client = new ConsoleClient(hub.BaseAddress);
        (await client.LoginAsync(name, password)).StatusCode.Should().Be(HttpStatusCode.Redirect);
        return new SignedIn(client, await client.MetaTokenAsync());
    }

    /// <summary>A console session sending what broadcast.js sends: JSON with the antiforgery header.</summary>
    private sealed class SignedIn(ConsoleClient client, string csrf) : IDisposable
    {
        public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body)
        {
            using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
            request.Headers.Add(ConsoleGuards.CsrfHeader, csrf);
            request.Headers.Accept.ParseAdd("application/json");
            return await client.Http.SendAsync(request);
        }

        public void Dispose() => client.Dispose();
    }
}
