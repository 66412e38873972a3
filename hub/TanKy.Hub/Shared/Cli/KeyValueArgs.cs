using System.Text.Json;
using System.Text.Json.Nodes;

namespace TanKy.Hub.Shared.Cli;

/// <summary>
/// <c>key=value</c> arguments to a JSON object. A value that parses as JSON is taken as such
/// (<c>volume=80</c>, <c>mute=true</c>, <c>zones=["khoi-1"]</c>, <c>message=null</c>); anything else
/// is text (<c>hours=05:00-23:00</c>, <c>zones=khoi-1,xom-2</c>). Dotted keys nest: <c>message.text=Họp dân 19h message.class=announcement</c>.
/// This layer knows no field: a list given as comma-separated text is the schema's to read
/// (<c>DesiredSchema</c>: <c>zones</c> takes a list or such a text), so the CLI, the API and bulk agree.
/// </summary>
public static class KeyValueArgs
{
    public static JsonObject Parse(IEnumerable<string> pairs)
    {
        var root = new JsonObject();
        foreach (var pair in pairs)
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new FormatException(CliText.T("cli2.kv.bad", pair));
            }

            var path = pair[..eq].Split('.');
            var target = root;
            foreach (var part in path[..^1])
            {
                target = target[part] as JsonObject ?? (JsonObject)(target[part] = new JsonObject());
            }

            target[path[^1]] = Value(pair[(eq + 1)..]);
        }

        return root;
    }

    private static JsonNode? Value(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return JsonValue.Create(text);
        }
    }
}
