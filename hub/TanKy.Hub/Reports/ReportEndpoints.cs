using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TanKy.Hub.Accounts.Http;
using TanKy.Hub.Devices.Http;

namespace TanKy.Hub.Reports;

/// <summary>
/// <c>GET /api/v1/reports?from=&amp;to=|period=&amp;format=html|csv|json&amp;zone=</c>: any signed-in
/// user. A hamlet head's report covers only their hamlets; asking for another hamlet is a 403.
/// </summary>
public static class ReportEndpoints
{
    public static void MapReportEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/reports", async (HttpContext http, string? from, string? to, string? period, string? format, string? zone, ClaimsPrincipal principal, ReportBuilder builder) =>
        {
            var user = principal.ToUser();
            if (zone is not null && !user.CanReachZone(zone))
            {
                return DeviceEndpoints.Forbidden($"zone '{zone}' is outside your hamlets");
            }

            ReportPeriod reportPeriod;
            ReportFormat reportFormat;
            try
            {
                reportPeriod = period is not null ? ReportPeriod.Parse(period)
                    : from is not null && to is not null ? ReportPeriod.FromDates(from, to)
                    : throw new FormatException("give from and to (yyyy-MM-dd) or period (2026-11, 2026-Q4, 2026)");
                reportFormat = ReportWriter.ParseFormat(format);
            }
            catch (FormatException ex)
            {
                return Results.Problem(statusCode: 400, title: "Tham số không hợp lệ / invalid parameters", detail: ex.Message);
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

            await ReportWriter.WriteAsync(report, reportFormat, http.Response.Body, http.RequestAborted);
            return Results.Empty;
        }).RequireAuthorization(Policies.Read).WithName("GetReport").WithSummary("Digital-infrastructure indicator report for a period");
    }
}
