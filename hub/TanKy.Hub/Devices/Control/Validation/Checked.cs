using System.Text.Json.Nodes;

namespace TanKy.Hub.Devices.Control.Validation;

/// <summary>The outcome of one field rule: the value to store (normalised) or why it was refused.</summary>
internal readonly record struct Checked(JsonNode? Value, string? Error)
{
    public static Checked Ok(JsonNode value) => new(value, null);

    public static Checked Fail(string error) => new(null, error);
}
