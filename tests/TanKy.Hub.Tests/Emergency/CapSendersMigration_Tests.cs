using Dapper;
using TanKy.Hub.Shared.Data;

namespace TanKy.Hub.Tests.Emergency;

/// <summary>V12 rebuilds <c>cap_alerts</c> (duplicates keyed per lane): a hub's existing rows survive it, update chains included.</summary>
public sealed class CapSendersMigration_Tests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "tanky-v10-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Rows_from_an_older_database_keep_their_ids_links_and_lane_and_a_Test_no_longer_blocks_its_Actual_twin()
    {
        Directory.CreateDirectory(_dir);
        var db = new Database(_dir);
        var v10 = Migrations.All.ToList().FindIndex(s => s.Contains("CREATE TABLE IF NOT EXISTS cap_senders", StringComparison.Ordinal));
        using (var c = db.Open())
        {
            for (var i = 0; i < v10; i++)
            {
                c.Execute(Migrations.All[i]);
            }

            c.Execute($"PRAGMA user_version={v10}");
            c.Execute("""
                INSERT INTO cap_alerts(id, sender, identifier, sent, sent_ms, status, msg_type, received_at, source, submitted_by, action, reason, broadcast_id)
                VALUES (1, 's', 'a-1', 'x', 0, 'Actual', 'Alert', 0, 'http', 'u', 'broadcast', 'r', 'b-1'),
                       (2, 's', 'a-2', 'x', 0, 'Actual', 'Update', 0, 'http', 'u', 'update', 'r', 'b-2'),
                       (3, 's', 't-1', 'x', 0, 'Test', 'Alert', 0, 'http', 'u', 'record-only', 'r', NULL);
                UPDATE cap_alerts SET replaced_by = 2, ended_at = 5 WHERE id = 1;
                """);
        }

        db.Migrate();

        using var after = db.Open();
        after.Query<(long Id, long? ReplacedBy, long Actual)>("SELECT id, replaced_by, actual FROM cap_alerts ORDER BY id")
            .Should().Equal((1, 2, 1), (2, null, 1), (3, null, 0));
        after.Execute("INSERT INTO cap_alerts(sender, identifier, sent, sent_ms, status, msg_type, received_at, source, submitted_by, action, reason, actual) VALUES ('s', 't-1', 'x', 0, 'Actual', 'Alert', 0, 'http', 'u', 'broadcast', 'r', 1)")
            .Should().Be(1);
        after.ExecuteScalar<string>("PRAGMA integrity_check").Should().Be("ok");
        after.Query("PRAGMA foreign_key_check").Should().BeEmpty();
    }
}
