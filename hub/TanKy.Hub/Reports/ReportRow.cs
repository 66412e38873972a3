using TanKy.Hub.Availability.Model;

namespace TanKy.Hub.Reports;

/// <summary>
/// One line of the indicator tables (commune, kind, hamlet or device). The property names are
/// the CSV and JSON column names documented in hub/docs/reports.md; values are rounded once,
/// here, so every format shows the same numbers.
/// </summary>
internal sealed record ReportRow
{
    public required string Level { get; init; }

    public required string Id { get; init; }

    public required string Name { get; init; }

    public string Kind { get; init; } = "";

    public string Hamlet { get; init; } = "";

    /// <summary>Display names of <see cref="Hamlet"/>'s ids, for people (HTML, Vietnamese CSV).</summary>
    public string HamletNames { get; init; } = "";

    public int Installed { get; init; }

    public int OnlineNow { get; init; }

    public double OnlineHours { get; init; }

    public double OfflineHours { get; init; }

    public double UnknownHours { get; init; }

    public double MaintenanceHours { get; init; }

    public double? AvailabilityPct { get; init; }

    public int Incidents { get; init; }

    public double LongestOutageMin { get; init; }

    public double? MttrMin { get; init; }

    public double? MtbfHours { get; init; }

    public static ReportRow From(string level, string id, string name, AvailabilityTotals t, int installed, int onlineNow, string kind = "", string hamlet = "") => new()
    {
        Level = level,
        Id = id,
        Name = name,
        Kind = kind,
        Hamlet = hamlet,
        Installed = installed,
        OnlineNow = onlineNow,
        OnlineHours = Hours(t.OnlineMs),
        OfflineHours = Hours(t.OfflineMs),
        UnknownHours = Hours(t.UnknownMs),
        MaintenanceHours = Hours(t.MaintenanceMs),
        AvailabilityPct = t.AvailabilityPercent is { } p ? Math.Round(p, 3) : null,
        Incidents = t.Incidents,
        LongestOutageMin = Minutes(t.LongestOutageMs),
        MttrMin = t.MttrMs is { } mttr ? Minutes(mttr) : null,
        MtbfHours = t.MtbfMs is { } mtbf ? Hours(mtbf) : null,
    };

    public static double Hours(double ms) => Math.Round(ms / 3_600_000.0, 3);

    public static double Minutes(double ms) => Math.Round(ms / 60_000.0, 2);
}
