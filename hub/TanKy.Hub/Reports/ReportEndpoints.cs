using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TanKy.Hub.Accounts.Http;
using TanKy.Hub.Devices.Http;
using TanKy.Hub.Reports.Text;
using TanKy.Hub.Shared.Web;

namespace TanKy.Hub.Reports;

/// <summary>
/// <c>GET /api/v1/reports?from=&amp;to=|period=&amp;format=html|csv|json&amp;headers=vi|en&amp;zone=</c>: any signed-in
/// user. A hamlet head's report covers only their hamlets; asking for another hamlet is a 403.
/// </summary>
public static class ReportEndpoints
{
    public static void MapReportEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/reports", async (HttpContext http, string? from, string? to, string? period, string? format, string? headers, string? zone, ClaimsPrincipal principal, ReportBuilder builder) =>
        {
            var user = principal.ToUser();
            var language = http.Request.Cookies["tanky.lang"] == "en" ? "en" : "vi";
            if (zone is not null && !user.CanReachZone(zone))
            {
                return DeviceEndpoints.Forbidden(ReportText.In(language, "rpt.error.zone-forbidden", zone));
            }

            ReportPeriod reportPeriod;
            ReportFormat reportFormat;
            CsvHeaders csvHeaders;
            try
            {
                reportPeriod = period is not null ? ReportPeriod.Parse(period)
                    : from is not null && to is not null ? ReportPeriod.FromDates(from, to)
                    : throw new ReportInputException("rpt.error.no-period-http");
                reportFormat = ReportWriter.ParseFormat(format);
                csvHeaders = CsvHeadersParser.Parse(headers);
            }
            catch (ReportInputException ex)
            {
                // Keys, so the problem hook says it in the request's language (an English title that is
                // not a key would be replaced by the generic status text).
                return ApiProblems.Result(400, "rpt.error.title", ex.Text);
            }

            IReadOnlySet<string>? scope = zone is not null ? new HashSet<string>([zone], StringComparer.Ordinal)
                : user.Role == Accounts.Role.HamletHead ? user.Zones.ToHashSet(StringComparer.Ordinal)
                : null;
            var report = builder.Build(reportPeriod, scope);
            http.Response.ContentType = ReportWriter.ContentType(reportFormat);
            if (reportFormat != ReportFormat.Html)
            {
                http.Response.Headers.ContentDisposition = $"attachment; filename=\"{ReportWriter.FileName(report, reportFormat)}\"";
            }

            await ReportWriter.WriteAsync(report, reportFormat, csvHeaders, http.Response.Body, http.RequestAborted);
            return Results.Empty;
        }).RequireAuthorization(Policies.Read).WithName("GetReport").WithSummary("Digital-infrastructure indicator report for a period");
    }
}
