using System.Text.Json;
using Dapper;
using TanKy.Hub.Accounts;
using TanKy.Hub.Tests.Support;

namespace TanKy.Hub.Tests.Web;

/// <summary>
/// The HTTP API writes instants in the commune's time (ISO 8601 with +07:00), whatever the gateway's
/// TZ; the instant itself is unchanged.
/// </summary>
public sealed class ApiTime_Tests
{
    [Fact]
    public async Task Device_times_in_the_api_are_vietnam_time_with_their_offset()
    {
        using var dir = new TempDataDir();
        dir.SeedTwoHamlets();
        var seen = new DateTimeOffset(2026, 11, 28, 5, 0, 0, TimeSpan.Zero);
        using (var c = dir.Db.Open())
        {
            c.Execute("UPDATE devices SET last_seen = @ms, status_since = @ms WHERE id = 'loa-khoi-1-a'", new { ms = seen.ToUnixTimeMilliseconds() });
        }

        var token = dir.Db.AddWithToken("xem", Role.Viewer);
        await using var hub = await TestHub.StartAsync(dir.Path);
        using var client = hub.ClientWithToken(token);

        var json = await client.GetStringAsync(new Uri("/api/v1/devices/loa-khoi-1-a", UriKind.Relative));

        using var doc = JsonDocument.Parse(json);
        var lastSeen = doc.RootElement.GetProperty("lastSeen").GetString();
        lastSeen.Should().Be("2026-11-28T12:00:00+07:00");
        DateTimeOffset.Parse(lastSeen!, System.Globalization.CultureInfo.InvariantCulture).Should().Be(seen, "the same instant");
    }
}
