using Dapper;
using TanKy.Hub.Shared.Data;

namespace TanKy.Hub.Tests.Broadcasts;

/// <summary>V13 rebuilds <c>broadcast_deliveries</c> so a node can be <c>refused</c>: a hub's existing delivery rows survive it.</summary>
public sealed class DeliveryRefusalsMigration_Tests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "tanky-v13-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Delivery_rows_of_an_older_database_survive_and_refused_becomes_a_status()
    {
        Directory.CreateDirectory(_dir);
        var db = new Database(_dir);
        var v13 = Migrations.All.ToList().IndexOf(Shared.Data.Schema.V13DeliveryRefusals.Sql);
        v13.Should().BePositive();
        using (var c = db.Open())
        {
            for (var i = 0; i < v13; i++)
            {
                c.Execute(Migrations.All[i]);
            }

            c.Execute($"PRAGMA user_version={v13}");
            c.Execute("""
                INSERT INTO broadcasts(id, class, policy, zones, media, title, operator, source, requested_at, requested_us, status)
                VALUES ('bc-1', 'normal', 'resume', 'khoi-1', 'm-1', 't', 'u', 'api', 0, 0, 'finished');
                INSERT INTO broadcast_streams(stream_id, broadcast_id, epoch, zones, start_offset_ms, playout_start_us, started_at)
                VALUES ('b-1', 'bc-1', 1, 'khoi-1', 0, 0, 0);
                INSERT INTO broadcast_deliveries(stream_id, device_id, broadcast_id, zone, online_at_start, start_error_us, frames_played, underruns, status)
                VALUES ('b-1', 'loa-a', 'bc-1', 'khoi-1', 1, 850, 2991, 2, 'finished');
                """);
            var refusedBefore = () => c.Execute("UPDATE broadcast_deliveries SET status = 'refused'");
            refusedBefore.Should().Throw<Microsoft.Data.Sqlite.SqliteException>("before V13 the CHECK knows no 'refused'");
        }

        db.Migrate();

        using var after = db.Open();
        after.Query<(string Device, long Error, long Played, long Underruns, string Status)>(
            "SELECT device_id, start_error_us, frames_played, underruns, status FROM broadcast_deliveries")
            .Should().Equal(("loa-a", 850, 2991, 2, "finished"));
        after.Execute("UPDATE broadcast_deliveries SET status = 'refused', refusal_reason = 'codec', refusal_codec = 'aac'").Should().Be(1);
        after.ExecuteScalar<string>("PRAGMA integrity_check").Should().Be("ok");
        after.Query("PRAGMA foreign_key_check").Should().BeEmpty();
    }
}
