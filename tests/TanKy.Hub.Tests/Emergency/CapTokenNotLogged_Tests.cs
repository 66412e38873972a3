using System.Net;
using Microsoft.Extensions.Logging;
using TanKy.Hub.Accounts;
using TanKy.Hub.Emergency.Cap;
using TanKy.Hub.Tests.Broker;
using TanKy.Hub.Tests.Support;

namespace TanKy.Hub.Tests.Emergency;

/// <summary>"Log no secret" for the CAP sender token: the real hub at Debug (ASP.NET Core too) takes a right and a wrong X-Cap-Token; neither, nor the stored hash, is in any log line.</summary>
public sealed class CapTokenNotLogged_Tests : IDisposable
{
    private readonly TempDataDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Neither_a_right_nor_a_wrong_sender_token_nor_its_hash_is_logged()
    {
        _dir.SeedTwoHamlets();
        var users = new UserStore(_dir.Db, TimeProvider.System);
        users.Add("van-hoa", Role.Officer, []);
        var apiToken = new TokenService(_dir.Db, users, TimeProvider.System).Create("van-hoa");
        var senders = new CapSenderStore(_dir.Db, TimeProvider.System);
        var senderToken = senders.Add(CapSamples.Sender, withToken: true, key: null, note: null)!;
        const string wrongToken = "wrong-cap-token-7d3a9c1e5b2f4a6d8c0e";
        var logs = new ListLoggerProvider();
        await using var hub = await TestHub.StartAsync(_dir.Path,
            settings: new Dictionary<string, string>
            {
                ["Logging:LogLevel:Default"] = "Debug",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Debug",
                ["Alerts:Cap:SynthesizeSpeech"] = "false",
            },
            customize: b => b.Logging.AddProvider(logs));

        // A Test alert: authenticated and recorded, plays nothing.
        var now = hub.Get<TimeProvider>().GetUtcNow();
        var alert = CapSamples.Typhoon(status: "Test", sent: CapSamples.Time(now - TimeSpan.FromMinutes(5)), expires: CapSamples.Time(now + TimeSpan.FromHours(1)));
        foreach (var (token, expected) in new[] { (senderToken, HttpStatusCode.OK), (wrongToken, HttpStatusCode.Forbidden) })
        {
            using var http = hub.ClientWithToken(apiToken);
            http.DefaultRequestHeaders.Add(CapEndpoints.SenderTokenHeader, token);
            (await http.PostAsync("/api/v1/cap", new StringContent(alert, System.Text.Encoding.UTF8, "application/cap+xml"))).StatusCode.Should().Be(expected);
        }

        await hub.StopAsync();
        logs.All.Should().Contain("Refused CAP", "the refusal really ran and logged");
        foreach (var secret in new[] { senderToken, wrongToken, senders.Find(CapSamples.Sender)!.TokenHash! })
        {
            logs.All.Should().NotContain(secret);
            logs.All.Should().NotContain(secret[..16]);
        }
    }
}
