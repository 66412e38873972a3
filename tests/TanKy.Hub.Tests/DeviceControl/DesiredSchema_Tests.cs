using TanKy.Hub.Shared.Text;
using System.Text;
using System.Text.Json.Nodes;
using TanKy.Hub.Devices.Control.Validation;
using TanKy.Protocol;

namespace TanKy.Hub.Tests.DeviceControl;

public sealed class DesiredSchema_Tests
{
    // The zone registry of these tests: khoi-3 and xom-5 exist.
    private static readonly FieldContext Khoi3 = new(z => z is "khoi-3" or "xom-5");

    // The reasons as stored: text keys and their values (rules2.*, api2.zones.*).
    private static IReadOnlyList<FieldError> RefusedKeys(DeviceKind kind, JsonObject changes)
    {
        var act = () => DesiredSchema.Validate(kind, changes, Khoi3);
        return act.Should().Throw<ControlValidationException>().Which.Errors;
    }

    // The reasons in English, as logs and `--lang en` show them.
    private static IReadOnlyList<FieldError> Refused(DeviceKind kind, JsonObject changes)
    {
        var act = () => DesiredSchema.Validate(kind, changes, Khoi3);
        return act.Should().Throw<ControlValidationException>().Which.In("en");
    }

    [Fact]
    public void Volume_150_is_refused_with_the_range()
    {
        Refused(DeviceKind.Speaker, new JsonObject { ["volume"] = 150 })
            .Should().ContainSingle().Which.Should().Be(new FieldError("volume", "volume must be 0–100"));
    }

    [Theory]
    [InlineData("\"80\"")]
    [InlineData("80.5")]
    [InlineData("true")]
    public void Volume_of_the_wrong_type_is_refused(string json)
    {
        Refused(DeviceKind.Speaker, new JsonObject { ["volume"] = JsonNode.Parse(json) })
            .Single().Reason.Should().Be("volume must be a whole number 0–100");
    }

    [Fact]
    public void An_unknown_field_is_refused_and_names_the_known_ones()
    {
        var error = Refused(DeviceKind.LedBoard, new JsonObject { ["colour"] = "red" }).Single();

        error.Field.Should().Be("colour");
        error.Reason.Should().Be("unknown field 'colour' for a led-board (known: power, brightness, message, schedule)");
    }

    [Fact]
    public void A_field_of_another_kind_is_unknown_here()
    {
        Refused(DeviceKind.Camera, new JsonObject { ["volume"] = 50 }).Single().Reason.Should().StartWith("unknown field 'volume' for a camera");
    }

    [Theory]
    [InlineData("25:00-23:00", "opening hours 25:00 is not a time of day (00:00–23:59)")]
    [InlineData("05:00-25:00", "opening hours 25:00 is not a time of day (00:00–24:00)")]
    [InlineData("5:00-23:00", "opening hours 5:00 is not a time of day (00:00–23:59)")]
    [InlineData("05:00", "opening hours '05:00' must look like 05:00-23:00")]
    [InlineData("08:00-08:00", "opening hours must not start and end at the same time (remove 'hours' to stay open all day)")]
    public void Bad_opening_hours_are_refused_with_the_reason(string hours, string reason)
    {
        Refused(DeviceKind.WifiAp, new JsonObject { ["hours"] = hours }).Single().Reason.Should().Be(reason);
    }

    [Theory]
    [InlineData("05:00-23:00", "05:00-23:00")]
    [InlineData("05:00–23:00", "05:00-23:00")]
    [InlineData("22:00 - 02:00", "22:00-02:00")]
    [InlineData("06:00-24:00", "06:00-24:00")]
    public void Opening_hours_are_stored_in_ascii_form(string hours, string stored)
    {
        DesiredSchema.Validate(DeviceKind.WifiAp, new JsonObject { ["hours"] = hours }, Khoi3)["hours"]!.GetValue<string>().Should().Be(stored);
    }

    [Fact]
    public void Led_text_longer_than_200_characters_is_refused()
    {
        var text = new string('a', 201);

        Refused(DeviceKind.LedBoard, new JsonObject { ["message"] = new JsonObject { ["text"] = text } })
            .Single().Reason.Should().Be("message.text: text is 201 characters; an LED board shows at most 200");
    }

    [Fact]
    public void Vietnamese_text_is_accepted_and_normalised_to_nfc()
    {
        var decomposed = "Thông báo họp dân".Normalize(NormalizationForm.FormD);

        var state = DesiredSchema.Validate(DeviceKind.LedBoard, new JsonObject { ["message"] = new JsonObject { ["text"] = decomposed, ["class"] = "emergency" } }, Khoi3);

        var text = state["message"]!["text"]!.GetValue<string>();
        text.Should().Be("Thông báo họp dân".Normalize(NormalizationForm.FormC));
        text.IsNormalized(NormalizationForm.FormC).Should().BeTrue();
        state["message"]!["class"]!.GetValue<string>().Should().Be("emergency");
    }

    [Fact]
    public void Two_hundred_vietnamese_letters_fit_even_when_sent_decomposed()
    {
        // 200 "ộ" are 600 code points decomposed, 200 characters after NFC.
        var text = string.Concat(Enumerable.Repeat("ộ".Normalize(NormalizationForm.FormD), 200));

        DesiredSchema.Validate(DeviceKind.LedBoard, new JsonObject { ["message"] = new JsonObject { ["text"] = text } }, Khoi3).Should().ContainKey("message");
    }

    [Theory]
    [InlineData("Chúc mừng 😀", "U+1F600")]
    [InlineData("dòng 1\ndòng 2", "control character (U+000A)")]
    [InlineData("\u0007 chuông", "control character (U+0007)")]
    [InlineData("中文", "U+4E2D")]
    public void Emoji_control_characters_and_other_scripts_are_refused(string text, string named)
    {
        Refused(DeviceKind.LedBoard, new JsonObject { ["message"] = new JsonObject { ["text"] = text } }).Single().Reason.Should().Contain(named);
    }

    [Fact]
    public void Led_message_class_and_duration_are_checked()
    {
        Refused(DeviceKind.LedBoard, new JsonObject { ["message"] = new JsonObject { ["text"] = "x", ["class"] = "urgent" } })
            .Single().Reason.Should().Be("message.class must be one of normal, announcement, emergency");
        Refused(DeviceKind.LedBoard, new JsonObject { ["message"] = new JsonObject { ["text"] = "x", ["seconds"] = 0 } })
            .Single().Reason.Should().Be("message.seconds must be 1–86400");
    }

    [Fact]
    public void A_schedule_is_sorted_by_time_and_refuses_duplicates_and_bad_times()
    {
        var schedule = JsonNode.Parse("""[{"at":"18:00","text":"Tối"},{"at":"06:00","text":"Sáng","class":"announcement","seconds":300}]""")!;

        var state = DesiredSchema.Validate(DeviceKind.LedBoard, new JsonObject { ["schedule"] = schedule }, Khoi3);

        var expected = JsonNode.Parse("""[{"at":"06:00","text":"Sáng","class":"announcement","seconds":300},{"at":"18:00","text":"Tối","class":"normal","seconds":60}]""");
        JsonNode.DeepEquals(state["schedule"], expected).Should().BeTrue(state["schedule"]!.ToJsonString());
        Refused(DeviceKind.LedBoard, new JsonObject { ["schedule"] = JsonNode.Parse("""[{"at":"06:00","text":"a"},{"at":"06:00","text":"b"}]""") })
            .Single().Reason.Should().Be("schedule has two messages at 06:00");
        Refused(DeviceKind.LedBoard, new JsonObject { ["schedule"] = JsonNode.Parse("""[{"at":"24:30","text":"a"}]""") })
            .Single().Reason.Should().Be("schedule[0].at must be a time of day HH:MM (00:00–23:59)");
    }

    [Fact]
    public void A_speaker_may_follow_only_zones_of_the_zone_registry()
    {
        RefusedKeys(DeviceKind.Speaker, new JsonObject { ["zones"] = new JsonArray("khoi-3", "khoi-9") })
            .Single().Reason.Should().Be("api2.zones.unknown|khoi-9", "a reason is a text key and its values");
        HubText.Default.Render("api2.zones.unknown|khoi-9", "vi").Should().Be("không có khu vực (khối/xóm) 'khoi-9' (thêm bằng 'zones add')");
        HubText.Default.Render("api2.zones.unknown|khoi-9", "en").Should().Be("unknown zone 'khoi-9' (add it with 'zones add')");
        var state = DesiredSchema.Validate(DeviceKind.Speaker, new JsonObject { ["zones"] = new JsonArray("xom-5", "khoi-3", "xom-5") }, Khoi3);
        state["zones"]!.AsArray().Select(z => z!.GetValue<string>()).Should().Equal("xom-5", "khoi-3");
    }

    [Theory]
    [InlineData("khoi-3,xom-5")]
    [InlineData(" khoi-3 , xom-5 ")]
    [InlineData("[\"khoi-3\",\"xom-5\"]")]
    public void Zones_are_a_comma_separated_text_or_a_list(string cliValue)
    {
        // What `devices set ID zones=…` sends: key=value has no list syntax, so a text arrives.
        var changes = TanKy.Hub.Shared.Cli.KeyValueArgs.Parse([$"zones={cliValue}"]);

        var state = DesiredSchema.Validate(DeviceKind.Speaker, changes, Khoi3);

        state["zones"]!.AsArray().Select(z => z!.GetValue<string>()).Should().Equal("khoi-3", "xom-5");
    }

    [Theory]
    [InlineData("null", "loa cần ít nhất một khu vực")]
    [InlineData("[]", "khối/xóm được nghe: loa cần ít nhất một khu vực")]
    [InlineData("\"\"", "khối/xóm được nghe: loa cần ít nhất một khu vực")]
    [InlineData("\"Khối 3\"", "khối/xóm được nghe: mã khu vực không hợp lệ 'Khối 3' (chỉ dùng a–z, 0–9, '-')")]
    [InlineData("true", "khối/xóm được nghe: cần danh sách mã khu vực, ví dụ khoi-1,xom-2")]
    public void Zones_that_cannot_be_followed_are_refused_in_Vietnamese_first(string json, string reason)
    {
        var refused = RefusedKeys(DeviceKind.Speaker, new JsonObject { ["zones"] = JsonNode.Parse(json) }).Single().Reason;
        HubText.Default.Render(refused, "vi").Should().Be(reason);
        HubText.Default.Render(refused, "en").Should().NotBe(reason, "every reason has its English text");
    }

    [Fact]
    public void Every_error_is_reported_not_only_the_first_and_null_removes_a_key()
    {
        Refused(DeviceKind.Speaker, new JsonObject { ["volume"] = -1, ["mute"] = "yes", ["bass"] = 3 }).Select(e => e.Field).Should().Equal("volume", "mute", "bass");

        var state = DesiredSchema.Validate(DeviceKind.Speaker, new JsonObject { ["volume"] = null }, Khoi3);
        state.Should().ContainKey("volume");
        state["volume"].Should().BeNull();
    }

    [Fact]
    public void Commands_are_checked_per_kind()
    {
        CommandCatalog.Validate(DeviceKind.Speaker, "tone", new JsonObject { ["freq_hz"] = 440 })["freq_hz"]!.GetValue<int>().Should().Be(440);
        var unknown = () => CommandCatalog.Validate(DeviceKind.LedBoard, "snapshot", null);
        unknown.Should().Throw<ControlValidationException>().Which.In("en").Single().Reason.Should().Be("unknown op 'snapshot' for a led-board (known: ping, reboot)");
        var badArg = () => CommandCatalog.Validate(DeviceKind.Speaker, "tone", new JsonObject { ["seconds"] = 60, ["colour"] = 1 });
        badArg.Should().Throw<ControlValidationException>().Which.In("en").Select(e => e.Reason).Should().Equal("seconds must be 1–30", "unknown argument 'colour' for tone");
    }
}
