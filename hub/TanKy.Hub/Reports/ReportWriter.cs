using System.Text;

namespace TanKy.Hub.Reports;

/// <summary>Writes a report in any format; the one place the CLI and the HTTP endpoint share.</summary>
internal static class ReportWriter
{
    public static ReportFormat ParseFormat(string? format) => (format ?? "html").Trim().ToLowerInvariant() switch
    {
        "html" => ReportFormat.Html,
        "csv" => ReportFormat.Csv,
        "json" => ReportFormat.Json,
        _ => throw new FormatException($"unknown format '{format}': use html, csv or json"),
    };

    public static string ContentType(ReportFormat format) => format switch
    {
        ReportFormat.Html => "text/html; charset=utf-8",
        ReportFormat.Csv => "text/csv; charset=utf-8",
        _ => "application/json; charset=utf-8",
    };

    public static string FileName(IndicatorReport report, ReportFormat format) =>
        $"bao-cao-{report.Site}-{report.Period.FirstDay:yyyyMMdd}-{report.Period.LastDay:yyyyMMdd}.{format.ToString().ToLowerInvariant()}";

    public static async Task WriteAsync(IndicatorReport report, ReportFormat format, Stream output, CancellationToken cancellationToken = default)
    {
        switch (format)
        {
            case ReportFormat.Json:
                await JsonReportWriter.WriteAsync(report, output, cancellationToken);
                break;
            case ReportFormat.Csv:
                await WriteTextAsync(output, CsvReportWriter.Write(report), cancellationToken);
                break;
            default:
                await WriteTextAsync(output, HtmlReportWriter.Write(report), cancellationToken);
                break;
        }
    }

    private static async Task WriteTextAsync(Stream output, string text, CancellationToken cancellationToken)
    {
        // No byte-order mark: Excel copes with UTF-8 CSV without it when imported, and tools downstream choke on it.
        await output.WriteAsync(new UTF8Encoding(false).GetBytes(text), cancellationToken);
    }
}
