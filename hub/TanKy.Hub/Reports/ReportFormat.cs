namespace TanKy.Hub.Reports;

/// <summary>Output formats of the report.</summary>
internal enum ReportFormat
{
    Html,
    Csv,
    Json,
}
