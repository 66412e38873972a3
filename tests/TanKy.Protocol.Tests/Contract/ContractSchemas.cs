using System.Text.Json;
using Json.Schema;

namespace TanKy.Protocol.Tests.Contract;

/// <summary>
/// The JSON Schemas of hub/docs/schemas (copied next to the test assembly), built once into a
/// registry of their own, and which one applies to which topic. Shared with the end-to-end
/// recorder (linked into tests/TanKy.EndToEnd.Tests).
/// </summary>
public static class ContractSchemas
{
    /// <summary>
    /// The base URI the files are loaded under (they have no <c>$id</c>: their <c>$ref</c>s are
    /// relative file names). A reserved domain, never fetched.
    /// </summary>
    public const string BaseUri = "https://schemas.tanky.invalid/protocol/v1/";

    private static readonly BuildOptions Options = new() { SchemaRegistry = new SchemaRegistry() };

    private static readonly Lazy<IReadOnlyDictionary<string, JsonSchema>> Files = new(Load);

    private static readonly Dictionary<string, JsonSchema> Pointers = new(StringComparer.Ordinal);

    public static string Folder => Path.Combine(AppContext.BaseDirectory, "schemas");

    public static IReadOnlyCollection<string> FileNames => Files.Value.Keys.ToList();

    /// <summary>
    /// A schema by file name, or a subschema by file name and JSON pointer
    /// (<c>event.schema.json#/$defs/envelope</c>).
    /// </summary>
    public static JsonSchema Get(string reference)
    {
        var files = Files.Value;
        if (!reference.Contains('#', StringComparison.Ordinal))
        {
            return files.TryGetValue(reference, out var schema) ? schema : throw new ArgumentException($"no schema {reference} in {Folder}");
        }

        lock (Pointers)
        {
            if (!Pointers.TryGetValue(reference, out var wrapper))
            {
                using var doc = JsonDocument.Parse(JsonSerializer.Serialize(new Dictionary<string, string> { ["$ref"] = BaseUri + reference }));
                wrapper = JsonSchema.Build(doc.RootElement.Clone(), Options, new Uri($"{BaseUri}pointer/{Pointers.Count}.json"));
                Pointers[reference] = wrapper;
            }

            return wrapper;
        }
    }

    /// <summary>The schema of the whole message on <paramref name="topic"/>, or null when the topic carries no JSON (stream) or is unknown.</summary>
    public static string? ForTopic(string topic)
    {
        if (topic.EndsWith("/hub/alerts", StringComparison.Ordinal) && topic.Count(c => c == '/') == 4)
        {
            return "hub-alerts.schema.json";
        }

        return Topics.TryParse(topic, out var parsed) ? ForKind(parsed.Kind) : null;
    }

    public static string? ForKind(TopicKind kind) => kind switch
    {
        TopicKind.HubState => "hub-state.schema.json",
        TopicKind.DeviceState => "device-state.schema.json",
        TopicKind.Telemetry => "telemetry.schema.json",
        TopicKind.Desired => "desired.schema.json",
        TopicKind.Reported => "reported.schema.json",
        TopicKind.Command => "cmd.schema.json",
        TopicKind.Reply => "reply.schema.json",
        TopicKind.Event => "event.schema.json",
        TopicKind.TimeRequest => "time.schema.json",
        TopicKind.TimeReply => "time-reply.schema.json",
        TopicKind.ZonePlay => "play.schema.json",
        _ => null,
    };

    /// <summary>
    /// The layer the hub's <see cref="PayloadValidator"/> enforces: the whole schema, except for
    /// commands and events, whose per-op args and per-type data are contract-only (§4.6: the hub
    /// ignores a data member of the wrong type as if absent).
    /// </summary>
    public static string? ValidatorLayer(TopicKind kind) => kind switch
    {
        TopicKind.Command => "cmd.schema.json#/$defs/envelope",
        TopicKind.Event => "event.schema.json#/$defs/envelope",
        _ => ForKind(kind),
    };

    /// <summary>The per-kind schema of a desired or reported message, when the contract has one.</summary>
    public static string? ForDeviceKind(TopicKind topic, DeviceKind kind) => (topic, kind) switch
    {
        (TopicKind.Desired, DeviceKind.Speaker) => "desired-speaker.schema.json",
        (TopicKind.Desired, DeviceKind.WifiAp) => "desired-wifi-ap.schema.json",
        (TopicKind.Desired, DeviceKind.Camera) => "desired-camera.schema.json",
        (TopicKind.Desired, DeviceKind.LedBoard) => "desired-led-board.schema.json",
        (TopicKind.Desired, DeviceKind.Gateway) => "desired-gateway.schema.json",
        (TopicKind.Reported, DeviceKind.Speaker) => "reported-speaker.schema.json",
        _ => null,
    };

    /// <summary>Null when <paramref name="json"/> is valid against <paramref name="reference"/>, else every error with its location.</summary>
    public static string? Errors(string reference, string json)
    {
        using var doc = JsonDocument.Parse(json);
        var result = Get(reference).Evaluate(doc.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (result.IsValid)
        {
            return null;
        }

        var lines = (result.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Key}: {e.Value}"))
            .ToList();
        return lines.Count > 0 ? string.Join("; ", lines) : "invalid";
    }

    public static bool IsValid(string reference, string json) => Errors(reference, json) is null;

    private static IReadOnlyDictionary<string, JsonSchema> Load()
    {
        var files = Directory.GetFiles(Folder, "*.schema.json");
        if (files.Length == 0)
        {
            throw new InvalidOperationException($"no schema in {Folder}");
        }

        var result = new Dictionary<string, JsonSchema>(StringComparer.Ordinal);
        foreach (var path in files.Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(path);
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            result[name] = JsonSchema.Build(doc.RootElement.Clone(), Options, new Uri(BaseUri + name));
        }

        return result;
    }
}
