using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using TanKy.Protocol;
using TanKy.Protocol.Messages;

namespace TanKy.Hub.Broadcasts.Delivery;

/// <summary>
/// The playback events of protocol.md §4.6 with their <c>data</c> read defensively: a member
/// of the wrong type or out of range is treated as absent, never as an error.
/// </summary>
internal sealed record PlaybackEvent(string Type, string Stream, JsonObject? Data)
{
    public const string Started = PlaybackEventTypes.Started;
    public const string Finished = PlaybackEventTypes.Finished;
    public const string Preempted = PlaybackEventTypes.Preempted;
    public const string Underrun = PlaybackEventTypes.Underrun;
    public const string Refused = PlaybackEventTypes.Refused;

    /// <summary>Largest plausible |µs| value: a day, far beyond any real play-out time difference.</summary>
    private const long MaxAbsDeltaUs = 86_400_000_000;

    public static PlaybackEvent? From(EventMessage message) =>
        message.Stream is { } stream && message.Type is Started or Finished or Preempted or Underrun or Refused
            ? new PlaybackEvent(message.Type, stream, message.Data)
            : null;

    public long? Long(string name)
    {
        if (Data is null || !Data.TryGetPropertyValue(name, out var node) || node is not JsonValue value
            || value.GetValueKind() != JsonValueKind.Number)
        {
            return null;
        }

        // Through the JSON text: works for parsed and for constructed values alike; 12.0 is 12, 12.5 is no integer.
        var text = value.ToJsonString();
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
        {
            return l;
        }

        return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d == decimal.Truncate(d)
            && d is >= long.MinValue and <= long.MaxValue ? (long)d : null;
    }

    /// <summary>A count ≥ 0, or null.</summary>
    public long? Count(string name) => Long(name) is { } v && v >= 0 ? v : null;

    /// <summary>A signed µs difference within a day, or null.</summary>
    public long? Delta(string name) => Long(name) is { } v && Math.Abs(v) <= MaxAbsDeltaUs ? v : null;

    /// <summary>A hub-clock time (Unix µs), or null.</summary>
    public long? Time(string name) => Long(name) is { } v && v > 0 ? v : null;

    public string? Text(string name) =>
        Data is not null && Data.TryGetPropertyValue(name, out var node) && node is JsonValue value && value.TryGetValue<string>(out var s) && s.Length <= 32
            ? s
            : null;
}
