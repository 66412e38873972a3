using System.Text.Json.Serialization;

namespace TanKy.Protocol.Messages;

/// <summary><c>dev/{id}/telemetry</c>: periodic metrics; <c>seq</c> grows by one per message so gaps show.</summary>
public sealed record TelemetryMessage : IProtocolMessage
{
    public required int V { get; init; }

    public required long Seq { get; init; }

    /// <summary>Unix ms when sent; 0 means unknown (no clock yet) and is left out of the JSON.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    [JsonConverter(typeof(TimestampJsonConverter))]
    public long Ts { get; init; }

    /// <summary>Seconds until the next telemetry message.</summary>
    public int? Interval { get; init; }

    /// <summary>Named numeric metrics (names: 1–32 chars a–z 0–9 _ .).</summary>
    public IReadOnlyDictionary<string, double>? Metrics { get; init; }
}
