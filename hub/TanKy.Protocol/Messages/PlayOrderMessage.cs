using System.Text.Json.Serialization;

namespace TanKy.Protocol.Messages;

/// <summary>
/// <c>zone/{zone}/play</c> (hub only): start or stop a stream on every node of a zone.
/// </summary>
public sealed record PlayOrderMessage : IProtocolMessage
{
    public required int V { get; init; }

    /// <summary><c>play</c> or <c>stop</c>.</summary>
    public required string Op { get; init; }

    public required string Stream { get; init; }

    /// <summary>A <see cref="BulletinClass"/> wire name: <c>normal</c>, <c>priority</c> or <c>emergency</c>. A string so an unknown class from a newer hub reaches validation, not a parse error.</summary>
    public string? Class { get; init; }

    public string? Codec { get; init; }

    /// <summary>Play-out time of the first frame, hub clock, µs.</summary>
    public long? Start { get; init; }

    /// <summary>Volume 0–100 for this stream, if it overrides the node's own.</summary>
    public int? Volume { get; init; }

    /// <summary>Epoch every frame of this stream carries (uint32 range); replayed frames of another epoch are dropped.</summary>
    public long? Epoch { get; init; }

    /// <summary>Unix ms when sent; 0 means unknown (no clock yet) and is left out of the JSON.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    [JsonConverter(typeof(TimestampJsonConverter))]
    public long Ts { get; init; }
}
