using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TanKy.DeviceSim.Node;
using TanKy.Hub.Broadcasts;
using TanKy.Protocol;

namespace TanKy.EndToEnd.Tests.Conformance;

/// <summary>
/// <c>tanky-hub conformance run</c> against the real hub and simulated devices: the simulator of
/// every kind passes every clause; each fault made for the kit fails, naming its clause; and the
/// kit refuses what it must not test (offline, a viewer, mid-broadcast).
/// </summary>
public sealed class ConformanceKit_Tests : IAsyncLifetime
{
    private ConformanceBench _b = null!;

    public async Task InitializeAsync() => _b = await ConformanceBench.StartAsync();

    public async Task DisposeAsync() => await _b.DisposeAsync();

    public static TheoryData<string, string?, string[]> Kinds() => new()
    {
        { "loa-khoi-1-a", "khoi-1", ["§4.5", "§8.2", "§4.9.1", "§4.4", "§4.6", "§4.8", "§8.1.3", "§4.11", "§4.2", "§4.3"] },
        { "wifi-khoi-1", null, ["§4.5", "§4.9.2", "§4.4", "§4.2", "§4.3"] },
        { "cam-khoi-1", null, ["§4.5", "§4.9.3", "§4.4", "§4.2", "§4.3"] },
        { "led-khoi-1", null, ["§4.5", "§4.4", "§4.2", "§4.3"] },
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task The_simulator_passes_every_clause_of_its_kind(string id, string? zone, string[] sections)
    {
        var node = await _b.StartNodeAsync(id);
        var bootBefore = node.BootId;

        var (code, report) = await _b.RunCliAsync(id, zone);

        var clauses = report.GetProperty("clauses").EnumerateArray().ToList();
        var failed = clauses.Where(c => c.GetProperty("verdict").GetString() != "pass").Select(c => $"{c.GetProperty("clause")} {c.GetProperty("name")}: {c.GetProperty("reason")}").ToList();
        failed.Should().BeEmpty();
        code.Should().Be(0);
        report.GetProperty("passed").GetBoolean().Should().BeTrue();
        report.GetProperty("protocol").GetString().Should().Contain("draft 6");
        clauses.Select(c => c.GetProperty("clause").GetString()).Should().Contain(sections);
        node.BootId.Should().NotBe(bootBefore, "the kit rebooted the device");
        _b.Audit(id).Should().ContainSingle().Which.Should().Be(("ky-thuat", (long?)clauses.Count, (long?)0));
    }

    public static TheoryData<ConformanceFault, string, string, string> Faults() => new()
    {
        { ConformanceFault.NoBirth, "wifi-khoi-1", "§4.2", "bản tin khởi động sau khi khởi động lại" },
        { ConformanceFault.IgnoresDesired, "wifi-khoi-1", "§4.4", "desired → reported" },
        { ConformanceFault.WrongVersionEcho, "led-khoi-1", "§4.4", "desired → reported" },
        { ConformanceFault.StartsLate, "loa-khoi-1-a", "§4.6", "sai lệch lúc bắt đầu" },
        { ConformanceFault.NoCommandReply, "cam-khoi-1", "§4.5", "lệnh → trả lời" },
        { ConformanceFault.AcceptsWrongChecksum, "loa-khoi-1-a", "§4.11", "sai mã kiểm tra" },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task A_fault_fails_the_run_and_names_its_clause(ConformanceFault fault, string id, string section, string name)
    {
        await _b.StartNodeAsync(id, fault);

        var (code, report) = await _b.RunCliAsync(id, id.StartsWith("loa", StringComparison.Ordinal) ? "khoi-1" : null);

        code.Should().Be(2, "a run that found a failure exits 2");
        report.GetProperty("passed").GetBoolean().Should().BeFalse();
        var clauses = report.GetProperty("clauses").EnumerateArray().ToList();
        clauses.Should().Contain(c => c.GetProperty("clause").GetString() == section
            && c.GetProperty("name").GetString()!.Contains(name, StringComparison.Ordinal)
            && c.GetProperty("verdict").GetString() == "fail", $"{fault} breaks {section}");

        // The clause the fault does not touch still passes: the kit tells faults apart.
        var untouched = fault == ConformanceFault.NoCommandReply ? "§4.4" : "§4.5";
        clauses.Where(c => c.GetProperty("clause").GetString() == untouched).Should().OnlyContain(c => c.GetProperty("verdict").GetString() == "pass");
    }

    [Fact]
    public async Task A_failing_clause_reads_in_Vietnamese_by_default_and_in_English_when_asked()
    {
        await _b.StartNodeAsync("led-khoi-1", ConformanceFault.WrongVersionEcho);

        // The CLI without --lang: Vietnamese names and reasons, machine fields as they were.
        var (code, vi) = await _b.RunCliAsync("led-khoi-1");
        code.Should().Be(2);
        var echoVi = vi.GetProperty("clauses").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "desired → reported, phiên bản được báo lại (khoá §4.9)");
        echoVi.GetProperty("verdict").GetString().Should().Be("fail");
        echoVi.GetProperty("reason").GetString().Should().StartWith("báo phiên bản ").And.Contain(", cần ");

        // The CLI with --lang en.
        var (_, cliEn) = await _b.RunCliAsync("led-khoi-1", null, "--lang", "en");
        cliEn.GetProperty("clauses").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "desired → reported, version echoed (§4.9 keys)")
            .GetProperty("reason").GetString().Should().StartWith("reported version ");

        // Over HTTP with Accept-Language: en.
        using var technician = _b.C.Hub.ClientWithToken(_b.TechnicianToken);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/devices/led-khoi-1/conformance") { Content = JsonContent.Create(new { }) };
        request.Headers.AcceptLanguage.ParseAdd("en");
        using var answer = await technician.SendAsync(request);
        answer.StatusCode.Should().Be(HttpStatusCode.OK);
        var en = JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement;
        var echoEn = en.GetProperty("clauses").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "desired → reported, version echoed (§4.9 keys)");
        echoEn.GetProperty("verdict").GetString().Should().Be("fail");
        echoEn.GetProperty("reason").GetString().Should().StartWith("reported version ").And.Contain(", expected ");

        // Stored as keys, so a reader in either language gets their own.
        using var db = _b.C.Dir.Db.Open();
        var stored = Dapper.SqlMapper.Query<string>(db, "SELECT report FROM conformance_runs WHERE device_id = 'led-khoi-1' ORDER BY id").ToList();
        stored.Should().HaveCount(3).And.OnlyContain(r => r.Contains("conf2.r.wrong-version|", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_kit_refuses_an_offline_device_a_viewer_and_a_speaker_mid_broadcast()
    {
        using var technician = _b.C.Hub.ClientWithToken(_b.TechnicianToken);
        using var viewer = _b.C.Hub.ClientWithToken(_b.ViewerToken);

        var offline = await technician.PostAsJsonAsync("/api/v1/devices/wifi-khoi-1/conformance", new { });
        offline.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await offline.Content.ReadAsStringAsync()).Should().Contain("ngoại tuyến");

        await _b.StartNodeAsync("loa-khoi-1-a");
        (await viewer.PostAsJsonAsync("/api/v1/devices/loa-khoi-1-a/conformance", new { })).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        var wrongZone = await technician.PostAsJsonAsync("/api/v1/devices/loa-khoi-1-a/conformance", new { zone = "xom-3" });
        wrongZone.StatusCode.Should().Be(HttpStatusCode.BadRequest);

        var broadcast = await _b.C.Hub.Get<IBroadcastService>().PlayAsync(new BroadcastRequest(_b.ClipId!, BulletinClass.Normal, ["khoi-1"], "ky-thuat", "test", Repeat: 3));
        var busy = await technician.PostAsJsonAsync("/api/v1/devices/loa-khoi-1-a/conformance", new { zone = "khoi-1" });
        busy.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await busy.Content.ReadAsStringAsync()).Should().Contain("đang phát");
        await _b.C.Hub.Get<IBroadcastService>().StopAsync(broadcast.BroadcastId, "test");

        _b.Audit("loa-khoi-1-a").Should().BeEmpty("refused runs never started");
        _b.Audit("wifi-khoi-1").Should().BeEmpty();
    }
}
