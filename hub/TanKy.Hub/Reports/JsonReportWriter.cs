using TanKy.Hub.Shared;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace TanKy.Hub.Reports;

/// <summary>The JSON form of the report (snake_case names, ISO dates and Vietnam-time instants, documented in hub/docs/reports.md).</summary>
internal static class JsonReportWriter
{
    public static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new CommuneTimeJson() },
    };

    public static Task WriteAsync(IndicatorReport report, Stream output, CancellationToken cancellationToken) =>
        JsonSerializer.SerializeAsync(output, Shape(report), Options, cancellationToken);

    public static string Write(IndicatorReport report) => JsonSerializer.Serialize(Shape(report), Options);

    private static object Shape(IndicatorReport r) => new
    {
        v = IndicatorReport.Version,
        site = r.Site,
        period = new { from = r.Period.FirstDay, to = r.Period.LastDay, days = r.Period.Days, label = r.Period.Label, time_zone = "Asia/Ho_Chi_Minh" },
        generated_at = r.GeneratedAt,
        scope = r.Scope,
        scope_names = r.ScopeNames,
        commune = r.Commune,
        kinds = r.Kinds,
        hamlets = r.Hamlets,
        devices = r.Devices,
        daily = r.Daily,
        hourly = r.Hourly,
        availability_by_kind = r.ByKind,
        incidents_total = r.IncidentsTotal,
        incidents = r.Incidents,
        timeline = r.Timeline,
        broadcasting = r.Broadcasting,
        wifi = r.Wifi,
    };
}
