using System.Text.Json.Nodes;
using TanKy.Hub.Shared.Text;

namespace TanKy.Hub.Devices.Control.Validation;

/// <summary>The outcome of one field rule: the value to store (normalised) or why it was refused.</summary>
internal readonly record struct Checked(JsonNode? Value, string? Error)
{
    public static Checked Ok(JsonNode value) => new(value, null);

    public static Checked Fail(string error) => new(null, error);

    /// <summary>Refused with a keyed reason (<see cref="TextMessage.Encode"/>), shown in the reader's language.</summary>
    public static Checked Fail(string key, params object?[] args) => new(null, new TextMessage(key, args).Encode());
}
