namespace TanKy.Hub.Reports;

/// <summary>Output formats of the report.</summary>
public enum ReportFormat
{
    Html,
    Csv,
    Json,
}
