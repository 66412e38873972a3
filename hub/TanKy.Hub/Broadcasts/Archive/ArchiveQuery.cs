namespace TanKy.Hub.Broadcasts.Archive;

/// <summary>Filters for listing the archive; every filter is optional. Newest first.</summary>
internal sealed record ArchiveQuery
{
    /// <summary>Started at or after this instant.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Started before this instant.</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>Targeted this zone (among others).</summary>
    public string? Zone { get; init; }

    public string? Class { get; init; }

    public string? Operator { get; init; }

    public int Limit { get; init; } = 100;
}
