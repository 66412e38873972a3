using System.Net.WebSockets;
using System.Text;
using TanKy.Hub.Broadcasts;

namespace TanKy.Hub.Tests.EmergencyEngine;

/// <summary>A browser that goes silent without closing does not hold the zones.</summary>
public sealed class LiveIdle_Tests
{
    [Fact]
    public async Task A_live_session_whose_client_stalls_ends_its_broadcast_after_the_idle_timeout()
    {
        await using var hub = await EmergencyHub.StartAsync(new Dictionary<string, string> { ["Live:IdleTimeout"] = "00:00:00.5" });
        using var http = hub.Client("truong-khoi-1");
        var token = http.DefaultRequestHeaders.Authorization!.Parameter!;
        using var socket = new ClientWebSocket();
        var ws = new Uri(hub.Hub.Http.BaseAddress!.ToString().Replace("http://", "ws://", StringComparison.Ordinal) + "api/v1/live?zones=khoi-1&access_token=" + token);
        await socket.ConnectAsync(ws, CancellationToken.None);
        await socket.SendAsync(Encoding.UTF8.GetBytes("{\"format\":\"pcm16\",\"rate\":8000}"), WebSocketMessageType.Text, true, CancellationToken.None);
        await socket.SendAsync(new byte[8000 / 50 * 2 * 3], WebSocketMessageType.Binary, true, CancellationToken.None);

        await EmergencyHub.EventuallyAsync(() => hub.Broadcasts.List(1).Count == 1, "the live broadcast to start");
        var id = hub.Broadcasts.List(1)[0].Id;
        await EmergencyHub.EventuallyAsync(() => hub.Broadcasts.Get(id)!.Status == BroadcastStatus.Finished, "the stalled session to end");

        hub.Broadcasts.Get(id)!.Source.Should().Be("live");
        hub.Broadcasts.Get(id)!.Operator.Should().Be("truong-khoi-1");
    }
}
