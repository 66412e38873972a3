namespace TanKy.Hub.Reports;

/// <summary>The digital-infrastructure indicator report for one period: what every format renders.</summary>
internal sealed record IndicatorReport
{
    public const int Version = 1;

    public required string Site { get; init; }

    public required ReportPeriod Period { get; init; }

    public required DateTimeOffset GeneratedAt { get; init; }

    /// <summary>Hamlets the report is limited to; empty for the whole commune.</summary>
    public IReadOnlyList<string> Scope { get; init; } = [];

    /// <summary>Display names of <see cref="Scope"/>.</summary>
    public IReadOnlyList<string> ScopeNames { get; init; } = [];

    public required ReportRow Commune { get; init; }

    public required IReadOnlyList<ReportRow> Kinds { get; init; }

    public required IReadOnlyList<ReportRow> Hamlets { get; init; }

    public required IReadOnlyList<ReportRow> Devices { get; init; }

    public required IReadOnlyList<DailyPoint> Daily { get; init; }

    /// <summary>Fleet availability per hour; only for a one-day period (a daily chart of one day is a dot).</summary>
    public IReadOnlyList<SeriesPoint> Hourly { get; init; } = [];

    /// <summary>Availability over time per device kind: daily, or hourly for a one-day period.</summary>
    public IReadOnlyList<KindSeries> ByKind { get; init; } = [];

    public required int IncidentsTotal { get; init; }

    /// <summary>The longest incidents, at most <see cref="ReportOptions.MaxIncidentsListed"/>, in time order.</summary>
    public required IReadOnlyList<IncidentRow> Incidents { get; init; }

    public required IReadOnlyList<TimelineRow> Timeline { get; init; }

    public required BroadcastSummary Broadcasting { get; init; }

    public required IReadOnlyList<WifiRow> Wifi { get; init; }

    /// <summary>All rows of the CSV: commune, then kinds, hamlets and devices.</summary>
    public IEnumerable<ReportRow> AllRows() => new[] { Commune }.Concat(Kinds).Concat(Hamlets).Concat(Devices);
}
