using System.Text.Json;
using Dapper;
using TanKy.Hub.Shared.Data;

namespace TanKy.Hub.Conformance.Run;

/// <summary>The record of every run: started (who, which device) before the first clause, finished with the report.</summary>
internal sealed class ConformanceAudit(Database db)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public long Start(string deviceId, string? zone, string by, DateTimeOffset at)
    {
        using var c = db.Open();
        return c.ExecuteScalar<long>(
            "INSERT INTO conformance_runs(device_id, zone, run_by, started_at) VALUES (@deviceId, @zone, @by, @at) RETURNING id",
            new { deviceId, zone, by, at = at.ToUnixTimeMilliseconds() });
    }

    public void Finish(ConformanceReport report)
    {
        using var c = db.Open();
        c.Execute(
            "UPDATE conformance_runs SET finished_at = @at, passed = @passed, failed = @failed, report = @json WHERE id = @id",
            new { id = report.Run, at = report.FinishedAt.ToUnixTimeMilliseconds(), passed = report.PassedCount, failed = report.FailedCount, json = JsonSerializer.Serialize(report, Json) });
    }
}
