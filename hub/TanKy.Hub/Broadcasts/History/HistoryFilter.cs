namespace TanKy.Hub.Broadcasts.History;

/// <summary>
/// What the "Lịch sử phát" page asks for; every filter is optional. <see cref="Scope"/> is the
/// hamlets a zone-scoped user may see (null: all): a broadcast shows when it touches one of them.
/// </summary>
public sealed record HistoryFilter
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    /// <summary>Requested at or after this instant.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Requested before this instant.</summary>
    public DateTimeOffset? To { get; init; }

    public string? Zone { get; init; }

    public string? Class { get; init; }

    public string? Operator { get; init; }

    public IReadOnlyList<string>? Scope { get; init; }

    /// <summary>1-based.</summary>
    public int Page { get; init; } = 1;

    public int PageSize { get; init; } = DefaultPageSize;
}
