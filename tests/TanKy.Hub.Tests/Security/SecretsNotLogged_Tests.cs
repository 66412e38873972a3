using System.Net;
using Microsoft.Extensions.Logging;
using TanKy.Hub.Accounts;
using TanKy.Hub.Broker;
using TanKy.Hub.Tests.Broker;
using TanKy.Hub.Tests.Schedules;
using TanKy.Hub.Tests.Support;

namespace TanKy.Hub.Tests.Security;

/// <summary>
/// "Log no secret": the real hub at Debug level runs the flows that handle secrets (device
/// connects with right and wrong secrets, rotate-secret with a live session, API calls with
/// good and bad tokens, a user with a console password); no secret, and no stored hash, appears
/// in any log line.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class SecretsNotLogged_Tests : IDisposable
{
    private readonly TempDataDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task No_flow_logs_a_device_secret_a_token_a_password_or_a_hash()
    {
        var (secretA, secretB) = _dir.SeedTwoHamlets();
        var users = new UserStore(_dir.Db, TimeProvider.System);
        const string password = "mật-khẩu-bí-mật-2026";
        users.Add("van-hoa", Role.Officer, [], password);
        var token = new TokenService(_dir.Db, users, TimeProvider.System).Create("van-hoa");
        const string wrongSecret = "wrong-secret-6f1c2d9e4b";
        const string wrongToken = "tk_wrongtoken0123456789abcdef";
        var logs = new ListLoggerProvider();
        await using var hub = await TestHub.StartAsync(_dir.Path,
            settings: new Dictionary<string, string>
            {
                ["Logging:LogLevel:Default"] = "Debug",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Debug",
                ["Broker:CredentialCheckInterval"] = "00:00:00.200",
            },
            customize: b => b.Logging.AddProvider(logs));

        await using (var device = await TestMqttClient.ConnectAsync(hub.MqttPort, "loa-khoi-1-a", "loa-khoi-1-a", secretA))
        {
            await Refused("loa-xom-3-a", wrongSecret);
            await Refused("loa-xom-3-a", secretA);
            await Refused(BrokerIdentities.HubUserName, secretB);
            var rotated = await Cli("devices", "rotate-secret", "--id", "loa-khoi-1-a", "--data-dir", _dir.Path);
            await device.Disconnected.WaitAsync(TestMqttClient.Timeout);
            await Refused("loa-khoi-1-a", secretA);
            logs.All.Should().Contain("loa-khoi-1-a had its secret rotated", "the flows above really ran and logged");
            rotated.Should().StartWith("mật khẩu: ", "the CLI prints the new secret once, labelled in Vietnamese");
            AssertAbsent(logs, rotated.Replace("mật khẩu:", "", StringComparison.Ordinal).Trim());
        }

        using var good = hub.ClientWithToken(token);
        (await good.GetAsync(new Uri("/api/v1/devices", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.OK);
        using var bad = hub.ClientWithToken(wrongToken);
        (await bad.GetAsync(new Uri("/api/v1/devices", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        // Browsers cannot put a header on a WebSocket, so the live endpoint also takes ?access_token=.
        using var anonymous = new HttpClient { BaseAddress = hub.Http.BaseAddress };
        await anonymous.GetAsync(new Uri("/api/v1/live?access_token=" + token, UriKind.Relative));
        await anonymous.GetAsync(new Uri("/api/v1/live?access_token=" + wrongToken, UriKind.Relative));

        await hub.StopAsync();
        logs.All.Should().Contain("Refused MQTT connection");
        foreach (var secret in new[] { secretA, secretB, password, token, wrongSecret, wrongToken })
        {
            AssertAbsent(logs, secret);
        }

        foreach (var hash in _dir.Devices.CredentialStamps().Values)
        {
            AssertAbsent(logs, hash);
        }

        async Task Refused(string user, string secret)
        {
            var (client, result) = await TestMqttClient.TryConnectAsync(hub.MqttPort, user == BrokerIdentities.HubUserName ? BrokerIdentities.HubClientId("tan-ky") : user, user, secret);
            await using (client)
            {
                result.Should().Be(MQTTnet.MqttClientConnectResultCode.BadUserNameOrPassword);
            }
        }
    }

    private static void AssertAbsent(ListLoggerProvider logs, string secret)
    {
        secret.Should().NotBeNullOrWhiteSpace();
        logs.All.Should().NotContain(secret);

        // Also no recognisable part of it (a log that cut the secret short still leaks it).
        if (secret.Length >= 16)
        {
            logs.All.Should().NotContain(secret[..12]);
        }
    }

    private static async Task<string> Cli(params string[] args)
    {
        var (code, output) = await HubCliRunner.RunAsync(args);
        code.Should().Be(0, output);
        return output;
    }
}
