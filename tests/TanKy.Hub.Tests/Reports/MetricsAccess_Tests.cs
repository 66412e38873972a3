using System.Net;
using TanKy.Hub.Accounts;
using TanKy.Hub.Tests.Support;

namespace TanKy.Hub.Tests.Reports;

public sealed class MetricsAccess_Tests
{
    [Fact]
    public async Task Without_loopback_exemption_metrics_need_a_token()
    {
        using var dir = new TempDataDir();
        var users = new UserStore(dir.Db, TimeProvider.System);
        users.Add("prometheus", Role.Viewer, []);
        var token = new TokenService(dir.Db, users, TimeProvider.System).Create("prometheus");
        await using var hub = await TestHub.StartAsync(dir.Path, settings: new Dictionary<string, string> { ["Metrics:AllowAnonymousFromLoopback"] = "false" });

        (await hub.Http.GetAsync("/metrics")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        using var client = hub.ClientWithToken(token);
        (await client.GetStringAsync("/metrics")).Should().Contain("tanky_alerts_open 0");
    }
}
