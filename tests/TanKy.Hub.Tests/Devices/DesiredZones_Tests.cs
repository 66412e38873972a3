using TanKy.Hub.Shared.Text;
using System.Buffers;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Dapper;
using TanKy.Hub.Accounts;
using TanKy.Hub.Cli;
using TanKy.Hub.Devices;
using TanKy.Hub.Tests.Broker;
using TanKy.Hub.Tests.Support;
using TanKy.Protocol;

namespace TanKy.Hub.Tests.Devices;

/// <summary>
/// Issue #15: a speaker's registry zones are its desired <c>zones</c>. Every way of changing them
/// writes both in one transaction, and the running hub publishes the desired state retained —
/// at once for its own changes, by its outbox poll for rows the CLI wrote from another process.
/// </summary>
public sealed class DesiredZones_Tests : IAsyncLifetime
{
    private readonly TempDataDir _dir = new();
    private readonly Topics _topics = new("tan-ky");
    private TestHub _hub = null!;
    private string _token = null!;

    public async Task InitializeAsync()
    {
        _dir.SeedTwoHamlets();
        _dir.Zones.Add("xom-2", "Xóm 2");
        var users = new UserStore(_dir.Db, TimeProvider.System);
        users.Add("ky-thuat", Role.Technician, []);
        _token = new TokenService(_dir.Db, users, TimeProvider.System).Create("ky-thuat");
        _hub = await TestHub.StartAsync(_dir.Path, settings: new Dictionary<string, string> { ["Devices:DesiredOutboxPoll"] = "00:00:00.200" });
    }

    public async Task DisposeAsync()
    {
        await _hub.DisposeAsync();
        _dir.Dispose();
    }

    [Fact]
    public void Adding_a_speaker_writes_its_zones_as_desired_state_and_other_kinds_keep_them_registry_only()
    {
        var speaker = Desired("loa-khoi-1-a");
        speaker.Should().NotBeNull("SeedTwoHamlets added it with `devices add --zone khoi-1`'s registry call");
        Zones(speaker!.Value.State).Should().Equal("khoi-1");

        _dir.Devices.Add(new NewDevice("wifi-xom-2", DeviceKind.WifiAp, ["xom-2"]));
        Desired("wifi-xom-2").Should().BeNull("only speakers carry desired zones");
    }

    [Fact]
    public async Task Devices_set_zones_as_a_comma_list_moves_the_speaker_in_the_registry_and_in_its_desired_state()
    {
        var before = Desired("loa-khoi-1-a")!.Value.Version;

        var exit = await HubCli.RunAsync(["devices", "set", "loa-khoi-1-a", "zones=khoi-1,xom-2", "--hub", _hub.Http.BaseAddress!.ToString(), "--token", _token]);

        exit.Should().Be(0);
        _dir.Devices.Get("loa-khoi-1-a")!.Zones.Should().Equal("khoi-1", "xom-2");
        var desired = Desired("loa-khoi-1-a")!.Value;
        desired.Version.Should().Be(before + 1);
        Zones(desired.State).Should().Equal("khoi-1", "xom-2");
        PublishedVersion("loa-khoi-1-a").Should().Be(desired.Version, "the hub published its own change at once");
    }

    [Fact]
    public async Task The_api_takes_a_json_list_too_and_refuses_an_unknown_zone_in_Vietnamese_changing_nothing()
    {
        using var http = _hub.ClientWithToken(_token);
        var before = Desired("loa-xom-3-a")!.Value.Version;

        var refused = await http.PutAsJsonAsync("/api/v1/devices/loa-xom-3-a/desired", new { zones = "xom-3,khoi-9" });

        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync()).Should().Contain("không có khu vực (khối/xóm) 'khoi-9' (thêm bằng 'zones add')");
        _dir.Devices.Get("loa-xom-3-a")!.Zones.Should().Equal("xom-3");
        Desired("loa-xom-3-a")!.Value.Version.Should().Be(before);

        var moved = await http.PutAsJsonAsync("/api/v1/devices/loa-xom-3-a/desired", new { zones = new[] { "xom-2" } });

        moved.StatusCode.Should().Be(HttpStatusCode.OK, await moved.Content.ReadAsStringAsync());
        _dir.Devices.Get("loa-xom-3-a")!.Zones.Should().Equal("xom-2");
        Zones(Desired("loa-xom-3-a")!.Value.State).Should().Equal("xom-2");
    }

    [Fact]
    public async Task The_outbox_publishes_a_speaker_the_CLI_added_while_the_hub_runs()
    {
        // The CLI's own registry over the same database (DeviceCliContext): the hub hears of it only through its poll.
        var secret = new DeviceRegistry(_dir.Db, TimeProvider.System).Add(new NewDevice("loa-xom-2-a", DeviceKind.Speaker, ["xom-2"]));
        await using var device = await TestMqttClient.ConnectAsync(_hub.MqttPort, "loa-xom-2-a", "loa-xom-2-a", secret);

        await device.SubscribeAsync(_topics.Desired("loa-xom-2-a"));
        var message = await device.NextOnAsync(_topics.Desired("loa-xom-2-a"));

        var state = JsonNode.Parse(Encoding.UTF8.GetString(message.Payload.ToArray()))!;
        state["version"]!.GetValue<long>().Should().Be(1);
        Zones(state["state"]!.AsObject()).Should().Equal("xom-2");
        state["ts"]!.GetValue<long>().Should().BeGreaterThan(0, "the stored row is published as it is, with its time");
    }

    [Fact]
    public void A_database_from_before_issue_15_gives_its_speakers_their_desired_zones_once()
    {
        using (var c = _dir.Db.Open())
        {
            // As an older hub left it: a desired state without zones.
            c.Execute("UPDATE desired_state SET state = '{\"volume\":60}' WHERE device_id = 'loa-khoi-1-a'");
            c.Execute("DELETE FROM desired_state WHERE device_id = 'loa-xom-3-a'");
        }

        var before = Desired("loa-khoi-1-a")!.Value.Version;

        DesiredStateStore.BackfillSpeakerZones(_dir.Db, 1_000).Should().Be(2);
        DesiredStateStore.BackfillSpeakerZones(_dir.Db, 2_000).Should().Be(0, "it is idempotent");

        var upgraded = Desired("loa-khoi-1-a")!.Value;
        upgraded.Version.Should().Be(before + 1);
        upgraded.State["volume"]!.GetValue<int>().Should().Be(60, "the rest of the desired state is kept");
        Zones(upgraded.State).Should().Equal("khoi-1");
        Zones(Desired("loa-xom-3-a")!.Value.State).Should().Equal("xom-3");
    }

    private (long Version, JsonObject State)? Desired(string id) => _hub.Get<DesiredStateService>().GetDesired(id);

    private long PublishedVersion(string id)
    {
        using var c = _dir.Db.Open();
        return c.ExecuteScalar<long>("SELECT published_version FROM desired_state WHERE device_id = @id", new { id });
    }

    private static List<string> Zones(JsonObject state) => [.. state["zones"]!.AsArray().Select(z => z!.GetValue<string>())];
}
