using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using TanKy.Protocol;

namespace TanKy.Hub.Web.Console.DeviceForms;

/// <summary>
/// The protocol's JSON Schemas for desired state (hub/docs/schemas/desired-*.schema.json, embedded
/// in the hub), used by the console's device forms: a form's whole new desired state is checked
/// against the schema of the device's kind before the hub's own per-kind rules (which the contract
/// tests keep in step with the same files), and the forms take their number limits from it, so a
/// limit changed in the contract changes the form too.
/// </summary>
public sealed class DesiredContract
{
    private const string BaseUri = "https://schemas.tanky.invalid/protocol/v1/";
    private const string Prefix = "TanKy.Hub.Schemas.";

    private static readonly Lazy<DesiredContract> Loaded = new(() => new DesiredContract());

    private readonly Dictionary<string, JsonSchema> _schemas = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonObject> _documents = new(StringComparer.Ordinal);

    private DesiredContract()
    {
        var options = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        var assembly = typeof(DesiredContract).Assembly;
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var name = resource[Prefix.Length..];
            var text = Read(assembly, resource);
            using var doc = JsonDocument.Parse(text);
            _schemas[name] = JsonSchema.Build(doc.RootElement.Clone(), options, new Uri(BaseUri + name));
            _documents[name] = JsonNode.Parse(text)!.AsObject();
        }
    }

    /// <summary>The schemas, built once per process (a few milliseconds; the files never change at run time).</summary>
    public static DesiredContract Shared => Loaded.Value;

    /// <summary>
    /// The desired keys of <paramref name="state"/> (a whole desired state) that the kind's schema
    /// refuses; empty when it is valid. Nested failures count for their top-level key.
    /// </summary>
    public IReadOnlySet<string> FailingKeys(DeviceKind kind, JsonObject state)
    {
        var message = new JsonObject { ["v"] = 1, ["version"] = 1, ["state"] = state.DeepClone() };
        using var doc = JsonDocument.Parse(message.ToJsonString());
        var result = _schemas[FileOf(kind)].Evaluate(doc.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        var keys = new HashSet<string>(StringComparer.Ordinal);
        if (result.IsValid)
        {
            return keys;
        }

        foreach (var detail in result.Details ?? [])
        {
            if (detail.Errors is not { Count: > 0 })
            {
                continue;
            }

            var path = detail.InstanceLocation.ToString().Split('/', StringSplitOptions.RemoveEmptyEntries);
            keys.Add(path is ["state", var key, ..] ? key : "state");
        }

        if (keys.Count == 0)
        {
            keys.Add("state");
        }

        return keys;
    }

    /// <summary>The <c>minimum</c>/<c>maximum</c> of an integer desired key of a kind, as the contract says.</summary>
    public (int Min, int Max) Limits(DeviceKind kind, string key)
    {
        var file = _documents[FileOf(kind)];
        var property = file["$defs"]?["state"]?["properties"]?[key] as JsonObject
            ?? throw new ArgumentException($"{FileOf(kind)} has no desired key '{key}'");
        if (property["$ref"] is JsonValue reference && reference.GetValue<string>() is var r && r.StartsWith("#/$defs/", StringComparison.Ordinal))
        {
            property = file["$defs"]![r["#/$defs/".Length..]]!.AsObject();
        }

        return ((int)property["minimum"]!, (int)property["maximum"]!);
    }

    /// <summary>A number in a kind's schema by its path from the root, e.g. <c>$defs, message, properties, text, maxLength</c>.</summary>
    public int Number(DeviceKind kind, params string[] path)
    {
        JsonNode? node = _documents[FileOf(kind)];
        foreach (var step in path)
        {
            node = node?[step];
        }

        return (int?)node ?? throw new ArgumentException($"{FileOf(kind)} has no number at {string.Join('/', path)}");
    }

    private static string FileOf(DeviceKind kind) => $"desired-{kind.ToWire()}.schema.json";

    private static string Read(Assembly assembly, string resource)
    {
        using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!);
        return reader.ReadToEnd();
    }
}
