using System.Net;
using System.Net.Sockets;
using System.Text;
using Dapper;
using TanKy.Hub.Accounts;
using TanKy.Hub.Tests.Support;

namespace TanKy.Hub.Tests.EmergencyEngine;

/// <summary>
/// Issue 14: <c>/api/v1/emergency</c> read a 40 MB body before refusing a viewer. Now the role is
/// checked first: a raw client announces 40 MB, sends 64 KiB, and gets its 403 while the rest
/// has never been sent, so the hub cannot have read it.
/// </summary>
public sealed class EmergencyAuthBeforeBody_Tests : IAsyncLifetime
{
    private const int Announced = 40 * 1024 * 1024;
    private const int Sent = 64 * 1024;
    private EmergencyHub _hub = null!;

    public async Task InitializeAsync() => _hub = await EmergencyHub.StartAsync();

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Theory]
    [InlineData(Role.Viewer, "application/json")]
    [InlineData(Role.Technician, "multipart/form-data; boundary=x")]
    public async Task A_role_that_cannot_trigger_is_refused_403_before_its_large_body_is_sent(Role role, string contentType)
    {
        var token = _hub.Dir.Db.AddWithToken("nguoi-" + role.ToString().ToLowerInvariant(), role);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, _hub.Hub.Http.BaseAddress!.Port);
        var stream = tcp.GetStream();
        var head = $"POST /api/v1/emergency HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {token}\r\nContent-Type: {contentType}\r\nContent-Length: {Announced}\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        await stream.WriteAsync(Encoding.ASCII.GetBytes("{\"zones\":[\"khoi-1\"],\"text\":\"" + new string('a', Sent - 30)));

        // A generous failure guard, not a speed claim: before the fix this read waited for 40 MB that never came.
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var status = await ReadStatusLineAsync(stream, guard.Token);

        status.Should().StartWith("HTTP/1.1 403", $"{Sent} of {Announced} bytes were sent: the refusal cannot have needed the rest");
        using var c = _hub.Dir.Db.Open();
        c.QuerySingle<(string What, string Outcome)>("SELECT what, outcome FROM emergency_audit ORDER BY id DESC LIMIT 1")
            .Should().Be(("emergency.what.unread", "refused"), "the audit keeps a text key, shown in the reader's language");
    }

    private static async Task<string> ReadStatusLineAsync(NetworkStream stream, CancellationToken ct)
    {
        var bytes = new List<byte>();
        var one = new byte[1];
        while (!(bytes.Count >= 2 && bytes[^2] == '\r' && bytes[^1] == '\n'))
        {
            if (await stream.ReadAsync(one, ct) == 0)
            {
                break;
            }

            bytes.Add(one[0]);
        }

        return Encoding.ASCII.GetString(bytes.ToArray());
    }
}
