namespace TanKy.Protocol.Tests.Contract;

/// <summary>
/// The contract rules above what the hub's validator checks: the data of each event type (§4.6,
/// with the draft-6 <c>synced</c> and <c>playback.refused</c>), the args of the per-kind ops, the
/// desired keys of each kind (§4.9), the pre-cache order and states (§4.11). Each rule has a
/// payload just inside and one just outside it.
/// </summary>
public sealed class ContractRules_Tests
{
    private const string Started = """{"v":1,"type":"playback.started","stream":"b-1","data":{"intended_us":1767225601900000,"actual_us":1767225601900850,"error_us":850%s}}""";
    private const string Finished = """{"v":1,"type":"playback.finished","stream":"b-1","data":{"played":2991,"concealed":7,"late":1,"fec":2%s}}""";

    [Theory]
    [InlineData(Started, "", true)]
    [InlineData(Started, ""","synced":false""", true)]
    [InlineData(Started, ""","synced":true""", true)]
    [InlineData(Started, ""","synced":"no" """, false)]
    [InlineData(Started, ""","synced":0""", false)]
    [InlineData(Finished, ""","reason":"end","error_us":850""", true)]
    [InlineData(Finished, ""","reason":"preempted" """, true)]
    [InlineData(Finished, ""","reason":"timeout" """, true)]
    [InlineData(Finished, ""","reason":"cancelled" """, false)]
    [InlineData(Finished, "", false)]
    [InlineData(Finished, ""","reason":"end","error_us":"850" """, false)]
    public void Playback_event_data(string template, string extra, bool valid)
    {
        ContractSchemas.IsValid("event.schema.json", template.Replace("%s", extra.TrimEnd(), StringComparison.Ordinal)).Should().Be(valid);
    }

    [Theory]
    [InlineData("""{"v":1,"type":"playback.refused","stream":"b-1","data":{"reason":"codec","codec":"aac"}}""", true)]
    [InlineData("""{"v":1,"type":"playback.refused","stream":"b-1","data":{"reason":"class"}}""", true)]
    [InlineData("""{"v":1,"type":"playback.refused","stream":"b-1","data":{"reason":"busy"}}""", false)]
    [InlineData("""{"v":1,"type":"playback.refused","stream":"b-1","data":{"reason":"codec","codec":"AAC"}}""", false)]
    [InlineData("""{"v":1,"type":"playback.refused","stream":"b-1"}""", false)]
    [InlineData("""{"v":1,"type":"playback.refused","data":{"reason":"class"}}""", false)]
    [InlineData("""{"v":1,"type":"playback.started","data":{"intended_us":1,"actual_us":1,"error_us":0}}""", false)]
    [InlineData("""{"v":1,"type":"playback.started","stream":"b-1","data":{"intended_us":1,"actual_us":1}}""", false)]
    [InlineData("""{"v":1,"type":"playback.finished","stream":"b-1","data":{"played":-1,"concealed":0,"late":0,"fec":0,"reason":"end"}}""", false)]
    [InlineData("""{"v":1,"type":"playback.preempted","stream":"b-1","data":{"by":"b-2"}}""", true)]
    [InlineData("""{"v":1,"type":"playback.preempted","stream":"b-1","data":{"by":"B 2"}}""", false)]
    [InlineData("""{"v":1,"type":"playback.underrun","stream":"b-1","data":{"seq":12}}""", true)]
    [InlineData("""{"v":1,"type":"playback.underrun","stream":"b-1","data":{"seq":"12"}}""", false)]
    [InlineData("""{"v":1,"type":"button.pressed","data":{"button":7}}""", false)]
    [InlineData("""{"v":1,"type":"camera.tamper","data":{"reason":"moved"}}""", true)]
    [InlineData("""{"v":1,"type":"vendor.something","data":{"anything":[1]}}""", true)]
    public void Event_types(string json, bool valid)
    {
        ContractSchemas.IsValid("event.schema.json", json).Should().Be(valid);
    }

    [Theory]
    [InlineData("""{"v":1,"id":"c-1","op":"tone","args":{"freq_hz":100,"seconds":30},"expires":1}""", true)]
    [InlineData("""{"v":1,"id":"c-1","op":"tone","args":{"freq_hz":4000,"seconds":1},"expires":1}""", true)]
    [InlineData("""{"v":1,"id":"c-1","op":"tone","expires":1}""", true)]
    [InlineData("""{"v":1,"id":"c-1","op":"tone","args":{"freq_hz":4001},"expires":1}""", false)]
    [InlineData("""{"v":1,"id":"c-1","op":"tone","args":{"seconds":0},"expires":1}""", false)]
    [InlineData("""{"v":1,"id":"c-1","op":"snapshot","args":{"url":"http://10.8.0.1:8080/api/v1/devices/cam-1/snapshots/c-1"},"expires":1}""", true)]
    [InlineData("""{"v":1,"id":"c-1","op":"snapshot","expires":1}""", false)]
    public void Command_args(string json, bool valid)
    {
        ContractSchemas.IsValid("cmd.schema.json", json).Should().Be(valid);
    }

    [Theory]
    [InlineData("desired-speaker", """{"volume":0,"mute":true,"power":false,"zones":["khoi-1"]}""", true)]
    [InlineData("desired-speaker", """{"zones":[]}""", false)]
    [InlineData("desired-speaker", """{"volume":101}""", false)]
    [InlineData("desired-speaker", """{"mute":1}""", false)]
    [InlineData("desired-speaker", """{"zones":["khoi-1","A"]}""", false)]
    [InlineData("desired-speaker", """{"zones":["a","b","c","d","e","f","g","h","i","j","k","l","m","n","o","p","q"]}""", false)]
    [InlineData("desired-speaker", """{"quiet_hours":"22:00-05:00"}""", true)]
    [InlineData("desired-wifi-ap", """{"hours":"05:00-23:00","client_kbps":64,"max_clients":256,"ssid_broadcast":false}""", true)]
    [InlineData("desired-wifi-ap", """{"hours":"22:00-24:00"}""", true)]
    [InlineData("desired-wifi-ap", """{"hours":"22:00-02:00"}""", true)]
    [InlineData("desired-wifi-ap", """{"hours":"22:00-22:00"}""", false)]
    [InlineData("desired-wifi-ap", """{"hours":"24:00-05:00"}""", false)]
    [InlineData("desired-wifi-ap", """{"hours":"05:00\u201323:00"}""", false)]
    [InlineData("desired-wifi-ap", """{"hours":"5:00-23:00"}""", false)]
    [InlineData("desired-wifi-ap", """{"client_kbps":63}""", false)]
    [InlineData("desired-wifi-ap", """{"max_clients":257}""", false)]
    [InlineData("desired-camera", """{"power":true,"recording":false}""", true)]
    [InlineData("desired-camera", """{"recording":"yes"}""", false)]
    [InlineData("desired-led-board", """{"brightness":100,"message":{"text":"H\u1ECDp d\u00E2n 19h \u20AB","class":"emergency","seconds":86400}}""", true)]
    [InlineData("desired-led-board", """{"message":{"class":"normal"}}""", false)]
    [InlineData("desired-led-board", """{"message":{"text":""}}""", false)]
    [InlineData("desired-led-board", """{"message":{"text":" \u00A0 "}}""", false)]
    [InlineData("desired-led-board", """{"message":{"text":"a\nb"}}""", false)]
    [InlineData("desired-led-board", """{"message":{"text":"\uD83D\uDE00"}}""", false)]
    [InlineData("desired-led-board", """{"message":{"text":"x","class":"urgent"}}""", false)]
    [InlineData("desired-led-board", """{"message":{"text":"x","seconds":86401}}""", false)]
    [InlineData("desired-led-board", """{"schedule":[{"at":"06:00","text":"Ch\u00E0o","seconds":60}]}""", true)]
    [InlineData("desired-led-board", """{"schedule":[{"text":"x"}]}""", false)]
    [InlineData("desired-led-board", """{"schedule":[{"at":"24:00","text":"x"}]}""", false)]
    [InlineData("desired-gateway", """{}""", true)]
    public void Desired_keys_per_kind(string schema, string state, bool valid)
    {
        ContractSchemas.IsValid($"{schema}.schema.json", """{"v":1,"version":3,"state":""" + state + "}").Should().Be(valid);
    }

    [Fact]
    public void An_led_text_of_200_characters_is_allowed_and_201_is_not()
    {
        string Board(int n) => "{\"v\":1,\"version\":3,\"state\":{\"message\":{\"text\":\"" + new string('\u00E0', n) + "\"}}}";

        ContractSchemas.IsValid("desired-led-board.schema.json", Board(200)).Should().BeTrue();
        ContractSchemas.IsValid("desired-led-board.schema.json", Board(201)).Should().BeFalse();
    }

    private const string Item = """{"stream":"p-ban-tin-sang-2604270600","media":"m-bantinsang","sha256":"60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752","size":1804210,"at":1777244410000000,"url":"http://192.168.1.10:8080/api/v1/devices/loa-khoi-1-a/media/m-bantinsang/stream"}""";

    [Theory]
    [InlineData("[]", true)]
    [InlineData("[" + Item + "]", true)]
    [InlineData("[" + Item + "]", false, "\"m-bantinsang\"", "\"m-BANTINSANG\"")]
    [InlineData("[" + Item + "]", false, "\"60303ae2", "\"60303AE2")]
    [InlineData("[" + Item + "]", false, "\"size\":1804210", "\"size\":-1")]
    [InlineData("[" + Item + "]", false, ",\"at\":1777244410000000", "")]
    [InlineData("{}", false)]
    public void Precache_order(string cache, bool valid, string? find = null, string? replace = null)
    {
        var json = """{"v":1,"version":12,"state":{"cache":""" + cache + "}}";
        if (find is not null)
        {
            json.Should().Contain(find);
            json = json.Replace(find, replace, StringComparison.Ordinal);
        }

        ContractSchemas.IsValid("desired-speaker.schema.json", json).Should().Be(valid);
    }

    [Theory]
    [InlineData("""{"m-nhachieudn":"ready","m-bantinsang":"downloading","m-chuongbaoa":"failed"}""", true)]
    [InlineData("""{"m-nhachieudn":"done"}""", false)]
    [InlineData("""{"nhachieudn":"ready"}""", false)]
    public void Reported_cache_states(string cache, bool valid)
    {
        ContractSchemas.IsValid("reported-speaker.schema.json", """{"v":1,"version":12,"state":{"cache":""" + cache + "}}").Should().Be(valid);
    }
}
