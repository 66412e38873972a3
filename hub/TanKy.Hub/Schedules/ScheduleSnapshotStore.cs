using System.Text.Json;
using Dapper;
using TanKy.Hub.Schedules.Parsing;
using TanKy.Hub.Shared.Data;

namespace TanKy.Hub.Schedules;

/// <summary>
/// Keeps the text of the last schedule files that validated, so that a hub restarted over a
/// broken folder still runs the last valid programme instead of none.
/// </summary>
public sealed class ScheduleSnapshotStore(Database db, TimeProvider time)
{
    private sealed record FileText(string Name, string Text);

    public void Save(IReadOnlyList<ScheduleSource> sources, string fingerprint)
    {
        var files = JsonSerializer.Serialize(sources.Select(s => new FileText(s.Name, s.Text)));
        using var c = db.Open();
        c.Execute(
            """
            INSERT INTO schedule_snapshots(id, loaded_at, fingerprint, files) VALUES (1, @now, @fingerprint, @files)
            ON CONFLICT(id) DO UPDATE SET loaded_at = excluded.loaded_at, fingerprint = excluded.fingerprint, files = excluded.files
            """,
            new { now = time.GetUtcNow().ToUnixTimeMilliseconds(), fingerprint, files });
    }

    public IReadOnlyList<ScheduleSource>? Load()
    {
        using var c = db.Open();
        var files = c.ExecuteScalar<string?>("SELECT files FROM schedule_snapshots WHERE id = 1");
        return files is null ? null : JsonSerializer.Deserialize<List<FileText>>(files)!.Select(f => new ScheduleSource(f.Name, f.Text)).ToList();
    }
}
