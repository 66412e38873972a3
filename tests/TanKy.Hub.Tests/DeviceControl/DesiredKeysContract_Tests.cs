using System.Text.Json.Nodes;
using TanKy.Hub.Devices.Control.Validation;
using TanKy.Protocol;
using TanKy.Protocol.Tests.Contract;

namespace TanKy.Hub.Tests.DeviceControl;

/// <summary>
/// The per-kind desired keys of the contract (hub/docs/schemas/desired-*.schema.json, protocol.md
/// §4.9) cannot drift from the hub's <see cref="DesiredSchema"/>: for every key, values just
/// inside and just outside each limit and of the wrong type, (1) what the hub refuses the schema
/// refuses, and (2) what the hub accepts, in the normalised form it publishes, the schema accepts.
/// </summary>
/// <remarks>
/// Left out because the wire contract is deliberately looser than the hub's input check: unknown
/// keys and members (a device ignores them, §1.4; the hub refuses them on input), two schedule
/// entries at the same time (JSON Schema cannot say "unique by at"), a zone not in the registry.
/// </remarks>
public sealed class DesiredKeysContract_Tests
{
    private static readonly HashSet<string> KnownZones = ["khoi-1", "xom-3", .. Enumerable.Range(0, 17).Select(i => $"z-{i}")];
    private static readonly FieldContext Zones = new(KnownZones.Contains);

    private static IEnumerable<(DeviceKind Kind, string Key, JsonNode Value)> Corpus()
    {
        JsonNode[] Wrong() => ["x", true, 1.5, new JsonArray(), new JsonObject()];
        IEnumerable<JsonNode> Ints(int min, int max) => [min, max, min - 1, max + 1, 50.0, 2147483648L, "5", .. Wrong()];
        IEnumerable<JsonNode> Bools() => [true, false, 0, 1, "true", .. Wrong()];

        foreach (var v in Ints(0, 100))
        {
            yield return (DeviceKind.Speaker, "volume", v);
            yield return (DeviceKind.LedBoard, "brightness", v);
        }

        foreach (var v in Bools())
        {
            yield return (DeviceKind.Speaker, "mute", v);
            yield return (DeviceKind.Speaker, "power", v);
            yield return (DeviceKind.WifiAp, "ssid_broadcast", v);
            yield return (DeviceKind.Camera, "power", v);
            yield return (DeviceKind.Camera, "recording", v);
            yield return (DeviceKind.LedBoard, "power", v);
        }

        JsonNode[] zones =
        [
            new JsonArray(), new JsonArray("khoi-1", "xom-3"), new JsonArray("khoi-1", "khoi-1"),
            new JsonArray(Enumerable.Range(0, 16).Select(i => (JsonNode?)$"z-{i}").ToArray()),
            new JsonArray(Enumerable.Range(0, 17).Select(i => (JsonNode?)$"z-{i}").ToArray()),
            new JsonArray("Khoi-1"), new JsonArray(1), new JsonArray("-a"), "khoi-1", .. Wrong(),
        ];
        foreach (var v in zones)
        {
            yield return (DeviceKind.Speaker, "zones", v);
        }

        foreach (var v in Ints(64, 100_000))
        {
            yield return (DeviceKind.WifiAp, "client_kbps", v);
        }

        foreach (var v in Ints(1, 256))
        {
            yield return (DeviceKind.WifiAp, "max_clients", v);
        }

        foreach (var h in new[]
        {
            "05:00-23:00", "00:00-24:00", "22:00-02:00", "23:59-00:00", "05:00\u201323:00", " 05:00 - 23:00 ", "22:00-22:00", "24:00-05:00",
            "05:00-24:01", "5:00-23:00", "05:60-23:00", "25:00-23:00", "05:00", "05:00-23:00-01:00", "", "05.00-23.00", "\uFF10\uFF15:00-23:00",
        })
        {
            yield return (DeviceKind.WifiAp, "hours", h);
        }

        foreach (var v in Wrong())
        {
            yield return (DeviceKind.WifiAp, "hours", v);
        }

        foreach (var m in Messages())
        {
            yield return (DeviceKind.LedBoard, "message", m);
            yield return (DeviceKind.LedBoard, "schedule", new JsonArray(Scheduled(m, "06:00")));
        }

        foreach (var at in new[] { "00:00", "23:59", "24:00", "6:00", "06:60", "" })
        {
            yield return (DeviceKind.LedBoard, "schedule", new JsonArray(new JsonObject { ["at"] = at, ["text"] = "x" }));
        }

        yield return (DeviceKind.LedBoard, "schedule", new JsonArray(Enumerable.Range(0, 8).Select(i => (JsonNode?)new JsonObject { ["at"] = $"0{i}:00", ["text"] = "x" }).ToArray()));
        yield return (DeviceKind.LedBoard, "schedule", new JsonArray(Enumerable.Range(0, 9).Select(i => (JsonNode?)new JsonObject { ["at"] = $"0{i}:00", ["text"] = "x" }).ToArray()));
        yield return (DeviceKind.LedBoard, "schedule", new JsonArray(new JsonObject { ["text"] = "x" }));
        yield return (DeviceKind.LedBoard, "schedule", new JsonObject());
    }

    private static IEnumerable<JsonNode> Messages()
    {
        foreach (var text in new JsonNode[]
        {
            "H\u1ECDp d\u00E2n 19h t\u1EA1i nh\u00E0 v\u0103n ho\u00E1 \u20AB \u2026", "a\u0300", new string('\u00E0', 200), new string('\u00E0', 201),
            new string('a', 200), new string('a', 201), "", "a\nb", "a\tb", "\uD83D\uDE00", "\u4E2D", "\u00A0", "\u007F", 5, true,
        })
        {
            yield return new JsonObject { ["text"] = text };
        }

        foreach (var cls in new JsonNode[] { "normal", "announcement", "emergency", "urgent", "Normal", 1 })
        {
            yield return new JsonObject { ["text"] = "x", ["class"] = cls };
        }

        foreach (var seconds in new JsonNode[] { 1, 86_400, 0, 86_401, 60.0, 1.5, "60" })
        {
            yield return new JsonObject { ["text"] = "x", ["seconds"] = seconds };
        }

        yield return new JsonObject { ["class"] = "normal" };
        yield return "x";
    }

    private static JsonNode Scheduled(JsonNode message, string at)
    {
        if (message is not JsonObject o)
        {
            return message.DeepClone();
        }

        var copy = o.DeepClone().AsObject();
        copy["at"] = at;
        return copy;
    }

    [Fact]
    public void The_hub_and_the_schemas_agree_on_every_desired_key()
    {
        var disagreements = new List<string>();
        var corpus = Corpus().ToList();
        var accepted = 0;
        foreach (var (kind, key, value) in corpus)
        {
            var schema = ContractSchemas.ForDeviceKind(TopicKind.Desired, kind)!;
            var changes = new JsonObject { [key] = value.DeepClone() };
            JsonObject? normalised;
            string? hubReason = null;
            try
            {
                normalised = DesiredSchema.Validate(kind, changes, Zones);
            }
            catch (ControlValidationException ex)
            {
                normalised = null;
                hubReason = ex.Message;
            }

            if (normalised is null)
            {
                if (ContractSchemas.IsValid(schema, Message(changes)))
                {
                    disagreements.Add($"{kind.ToWire()} {changes.ToJsonString()}: the hub refuses ({hubReason}), {schema} accepts");
                }
            }
            else
            {
                accepted++;
                if (ContractSchemas.Errors(schema, Message(normalised)) is { } errors)
                {
                    disagreements.Add($"{kind.ToWire()} {changes.ToJsonString()}: the hub accepts and publishes {normalised.ToJsonString()}, {schema} refuses it: {errors}");
                }
            }
        }

        disagreements.Should().BeEmpty(string.Join("\n", disagreements));
        corpus.Should().HaveCountGreaterThan(150);
        accepted.Should().BeGreaterThan(40, "values just inside each limit are accepted");
        (corpus.Count - accepted).Should().BeGreaterThan(80, "values just outside each limit and of the wrong type are refused");
    }

    private static string Message(JsonObject state) => new JsonObject { ["v"] = 1, ["version"] = 1, ["state"] = state.DeepClone() }.ToJsonString();
}
