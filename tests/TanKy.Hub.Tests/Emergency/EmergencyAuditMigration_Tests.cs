using Dapper;
using TanKy.Hub.Emergency;
using TanKy.Hub.Shared.Data;
using TanKy.Hub.Tests.Support;

namespace TanKy.Hub.Tests.Emergency;

/// <summary>V10 adds action and class to <c>emergency_audit</c>: rows written before it survive with their ids and read back with names.</summary>
public sealed class EmergencyAuditMigration_Tests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "tanky-audit-mig-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => Directory.Delete(_path, recursive: true);

    [Fact]
    public void Rows_written_before_V10_survive_and_get_their_action_and_class_from_their_description()
    {
        var db = new Database(_path);
        using (var c = db.Open())
        {
            // The schema as a hub before #14 left it: every script up to V9 and nothing after.
            var v10 = Migrations.All.ToList().FindIndex(sql => sql.Contains("ALTER TABLE emergency_audit ADD COLUMN action", StringComparison.Ordinal));
            v10.Should().BeGreaterThan(0);
            for (var i = 0; i < v10; i++)
            {
                c.Execute(Migrations.All[i]);
            }

            c.Execute($"PRAGMA user_version={v10}");
            c.Execute(
                """
                INSERT INTO emergency_audit(id, ts, actor, role, channel, what, zones, remote, outcome, reason, broadcast_id) VALUES
                  (7, 1000, 'van-hoa', 'officer', 'api', 'emergency: media tin-1s', 'khoi-1', '127.0.0.1', 'allowed', 'officer reaches every zone', 'bc-000000000001'),
                  (8, 2000, 'van-hoa', 'officer', 'api', 'cancel bc-000000000001', 'khoi-1', '127.0.0.1', 'allowed', 'officer reaches every zone', 'bc-000000000001'),
                  (9, 3000, 'cap-folder', NULL, 'cap', 'priority: media coi-hu', 'xom-3', '/srv/cap/a.xml', 'allowed', 'Severe', 'bc-000000000002')
                """);
        }

        db.Migrate();

        var rows = new TriggerAudit(db, TimeProvider.System).Query(new TriggerAuditQuery()).OrderBy(r => r.Id).ToList();
        rows.Select(r => (r.Id, r.Action, r.Class, r.Channel)).Should().Equal(
            (7L, TriggerAction.Start, "emergency", TriggerChannel.Api),
            (8L, TriggerAction.Cancel, (string?)null, TriggerChannel.Api),
            (9L, TriggerAction.Start, "priority", TriggerChannel.Cap));
        rows.Should().OnlyContain(r => r.BroadcastId != null && r.Reason != null && r.Zones.Count == 1);
        rows[2].Role.Should().BeNull("an old CAP row had no role and none is invented for it");
    }
}
