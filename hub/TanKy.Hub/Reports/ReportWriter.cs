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
        _ => throw new ReportInputException("rpt.error.format", format),
    };

    public static string ContentType(ReportFormat format) => format switch
    {
        ReportFormat.Html => "text/html; charset=utf-8",
        ReportFormat.Csv => "text/csv; charset=utf-8",
        _ => "application/json; charset=utf-8",
    };

    public static string FileName(IndicatorReport report, ReportFormat format) =>
        $"bao-cao-{report.Site}-{report.Period.FirstDay:yyyyMMdd}-{report.Period.LastDay:yyyyMMdd}.{format.ToString().ToLowerInvariant()}";

    public static Task WriteAsync(IndicatorReport report, ReportFormat format, Stream output, CancellationToken cancellationToken = default) =>
        WriteAsync(report, format, CsvHeaders.Vietnamese, output, cancellationToken);

    public static async Task WriteAsync(IndicatorReport report, ReportFormat format, CsvHeaders headers, Stream output, CancellationToken cancellationToken = default)
    {
        switch (format)
        {
            case ReportFormat.Json:
                await JsonReportWriter.WriteAsync(report, output, cancellationToken);
                break;
            case ReportFormat.Csv:
                await WriteTextAsync(output, CsvReportWriter.Write(report, headers), cancellationToken, byteOrderMark: true);
                break;
            default:
                await WriteTextAsync(output, HtmlReportWriter.Write(report), cancellationToken);
                break;
        }
    }

    private static async Task WriteTextAsync(Stream output, string text, CancellationToken cancellationToken, bool byteOrderMark = false)
    {
        // The CSV starts with a UTF-8 byte-order mark: Excel opened by a double click reads a file
        // without one in the Windows code page and garbles "Toàn xã" (issue #17). HTML and JSON
        // declare their encoding and need none.
        var encoding = new UTF8Encoding(byteOrderMark);
        await output.WriteAsync(encoding.GetPreamble(), cancellationToken);
        await output.WriteAsync(encoding.GetBytes(text), cancellationToken);
    }
}
