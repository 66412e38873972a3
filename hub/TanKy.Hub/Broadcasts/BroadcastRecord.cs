namespace TanKy.Hub.Broadcasts;

/// <summary>A broadcast as stored: the request and how it went. Times are UTC.</summary>
public sealed record BroadcastRecord
{
    public required string Id { get; init; }

    public string? StreamId { get; init; }

    public long? Epoch { get; init; }

    public required string Class { get; init; }

    public required string Policy { get; init; }

    public required IReadOnlyList<string> Zones { get; init; }

    public required string Media { get; init; }

    public required string Title { get; init; }

    public int? Volume { get; init; }

    public required string Operator { get; init; }

    public required string Source { get; init; }

    public required DateTimeOffset RequestedAt { get; init; }

    /// <summary>Hub clock (Unix µs) at the request: the origin of trigger-to-first-sound.</summary>
    public required long RequestedUs { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? EndedAt { get; init; }

    public required string Status { get; init; }

    public string? EndReason { get; init; }
}
