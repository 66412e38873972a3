using System.Net.Http.Json;
using System.Text.Json;
using TanKy.Tests.Shared;

namespace TanKy.EndToEnd.Tests.DeviceControl;

/// <summary>One request for a whole hamlet; offline devices make the result partial, never silently "done".</summary>
public sealed class Bulk_Tests : IAsyncLifetime
{
    private ControlCommune _k = null!;

    public async Task InitializeAsync() => _k = await ControlCommune.StartAsync();

    public async Task DisposeAsync() => await _k.DisposeAsync();

    private async Task<JsonElement> BulkAsync(object body)
    {
        var response = await _k.Technician.PostAsJsonAsync("/api/v1/bulk", body);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        response.IsSuccessStatusCode.Should().BeTrue(json.ToString());
        return json;
    }

    private static Dictionary<string, string> ByDevice(JsonElement result) =>
        result.GetProperty("results").EnumerateArray().ToDictionary(r => r.GetProperty("deviceId").GetString()!, r => r.GetProperty("status").GetString()!);

    [Fact]
    public async Task A_bulk_change_with_a_device_offline_reports_partial_failure_and_the_device_converges_later()
    {
        await _k.StartAsync("loa-khoi-1-a");

        var result = await BulkAsync(new { zone = "khoi-1", kind = "speaker", set = new { volume = 45 } });

        result.GetProperty("partial").GetBoolean().Should().BeTrue();
        result.GetProperty("outcome").GetString().Should().Be("partial");
        ByDevice(result).Should().Equal(new Dictionary<string, string> { ["loa-khoi-1-a"] = "applied", ["loa-khoi-1-b"] = "offline" });
        var offline = result.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("deviceId").GetString() == "loa-khoi-1-b");
        var later = await _k.StartAsync("loa-khoi-1-b");
        await later.WaitForDesiredAppliedAsync(offline.GetProperty("version").GetInt64(), TimeSpan.FromSeconds(15));
        later.AppliedState["volume"]!.GetValue<int>().Should().Be(45);
    }

    [Fact]
    public async Task A_bulk_change_with_every_device_online_is_done()
    {
        await _k.StartAsync("loa-khoi-1-a");
        await _k.StartAsync("loa-khoi-1-b");

        var result = await BulkAsync(new { zone = "khoi-1", kind = "speaker", set = new { mute = true } });

        result.GetProperty("outcome").GetString().Should().Be("done");
        result.GetProperty("partial").GetBoolean().Should().BeFalse();
        result.GetProperty("succeeded").GetInt32().Should().Be(2);
    }

    [Fact]
    public async Task A_bulk_command_reports_per_device_results()
    {
        await _k.StartAsync("loa-khoi-1-b");
        await _k.StartAsync("wifi-khoi-1");

        var result = await BulkAsync(new { zone = "khoi-1", cmd = new { op = "ping" }, timeoutSeconds = 5 });

        result.GetProperty("partial").GetBoolean().Should().BeTrue();
        ByDevice(result).Should().Equal(new Dictionary<string, string>
        {
            ["cam-khoi-1"] = "offline",
            ["led-khoi-1"] = "offline",
            ["loa-khoi-1-a"] = "offline",
            ["loa-khoi-1-b"] = "ok",
            ["wifi-khoi-1"] = "ok",
        });
    }
}
