namespace TanKy.Hub.Shared.Data.Schema;

/// <summary>
/// Issue #17: why the hub did what it did with a CAP message, as data (a text key, its arguments
/// and, for an alert that matched no zone, what each area missed), so the console can say it in
/// Vietnamese. <c>reason</c> keeps the English sentence for the API and the logs. Old rows have none.
/// </summary>
internal static class V17CapWhy
{
    public const string Sql = """
        ALTER TABLE cap_alerts ADD COLUMN why TEXT;
        """;
}
