using Microsoft.Data.Sqlite;
using TanKy.Hub.Shared.Data;

namespace TanKy.Bench;

/// <summary>
/// Writes a year of plausible history straight into a fresh database: devices in 30 hamlets,
/// about one outage per device and day (mostly short: wills and telemetry silence, a few long),
/// a dozen hub outages, some maintenance, and hourly Wi-Fi rows for the access points.
/// Deterministic (fixed seed) so runs compare.
/// </summary>
internal static class ReportHistorySynthesiser
{
    public sealed record Counts(int Devices, long StatusEvents, long WifiHours);

    public static Counts Create(string dir, int devices, int year)
    {
        var db = new Database(dir);
        db.Migrate();
        var from = new DateTimeOffset(year, 1, 1, 0, 0, 0, TimeSpan.FromHours(7)).ToUnixTimeMilliseconds() - (7L * 86_400_000);
        var to = new DateTimeOffset(year + 1, 1, 1, 0, 0, 0, TimeSpan.FromHours(7)).ToUnixTimeMilliseconds();
        var random = new Random(2026);
        using var c = db.Open();
        using var tx = c.BeginTransaction();
        Exec(c, tx, "INSERT INTO zones(id, name, created_at) VALUES " + string.Join(",", Enumerable.Range(1, 30).Select(z => $"('xom-{z}', 'Xóm {z}', {from})")));
        HubRuns(c, tx, random, from, to);
        long events = 0, wifi = 0;
        using (var insertEvent = Prepare(c, tx, "INSERT INTO status_events(device_id, ts, status, reason) VALUES ($d, $ts, $s, $r)", "$d", "$ts", "$s", "$r"))
        using (var insertWifi = Prepare(c, tx, "INSERT INTO wifi_hourly(device_id, hour, samples, clients_max, sessions, rx_bytes, tx_bytes) VALUES ($d, $h, 120, $c, $s, $rx, $tx)", "$d", "$h", "$c", "$s", "$rx", "$tx"))
        {
            for (var i = 0; i < devices; i++)
            {
                var kind = (i % 13) switch { < 8 => "speaker", < 10 => "wifi-ap", < 12 => "camera", _ => "led-board" };
                var id = $"{kind}-{i:D4}";
                Exec(c, tx, $"INSERT INTO devices(id, kind, name, secret_hash, secret_set_at, created_at, status) VALUES ('{id}', '{kind}', 'Thiết bị {i}', 'x', {from}, {from}, 'online')");
                Exec(c, tx, $"INSERT INTO device_zones(device_id, zone_id) VALUES ('{id}', 'xom-{(i % 30) + 1}')");
                Exec(c, tx, $"INSERT INTO device_changes(device_id, ts, change, detail) VALUES ('{id}', {from}, 'added', '{kind}')");
                events += Outages(insertEvent, random, id, from, to);
                if (kind == "wifi-ap")
                {
                    wifi += WifiHours(insertWifi, random, id, from, to);
                }
            }
        }

        Exec(c, tx, $"INSERT INTO maintenance_windows(scope, target, starts_at, ends_at, reason, created_at) VALUES ('zone', 'xom-3', {from + (100L * 86_400_000)}, {from + (100L * 86_400_000) + 28_800_000}, 'Cắt điện', {from}), ('kind', 'camera', {from + (200L * 86_400_000)}, {from + (200L * 86_400_000) + 14_400_000}, 'Nâng cấp', {from})");
        tx.Commit();
        return new Counts(devices, events, wifi);
    }

    /// <summary>~385 outages a year: 80 % a few minutes (wills), 15 % silence of ~1 h, 5 % long (hours to a day).</summary>
    private static long Outages(SqliteCommand insert, Random random, string id, long from, long to)
    {
        long n = 0, t = from + random.NextInt64(3_600_000);
        Add(insert, id, t, "online", "birth");
        n++;
        while (true)
        {
            t += (long)(-Math.Log(1 - random.NextDouble()) * 22.5 * 3_600_000);
            if (t >= to)
            {
                return n;
            }

            var roll = random.NextDouble();
            var (reason, length) = roll < 0.8 ? ("will", 60_000 + random.NextInt64(900_000))
                : roll < 0.95 ? ("silent", 1_800_000 + random.NextInt64(3_600_000))
                : ("will", 3_600_000 + random.NextInt64(86_400_000));
            Add(insert, id, t, "offline", reason);
            t += length;
            Add(insert, id, t, "online", reason == "silent" ? "telemetry" : "birth");
            n += 2;
        }
    }

    private static long WifiHours(SqliteCommand insert, Random random, string id, long from, long to)
    {
        long n = 0;
        for (var hour = from - (from % 3_600_000); hour < to; hour += 3_600_000, n++)
        {
            var clients = random.Next(0, 40);
            insert.Parameters["$d"].Value = id;
            insert.Parameters["$h"].Value = hour;
            insert.Parameters["$c"].Value = clients;
            insert.Parameters["$s"].Value = clients / 2;
            insert.Parameters["$rx"].Value = clients * 20_000_000L;
            insert.Parameters["$tx"].Value = clients * 150_000_000L;
            insert.ExecuteNonQuery();
        }

        return n;
    }

    private static void HubRuns(SqliteConnection c, SqliteTransaction tx, Random random, long from, long to)
    {
        var start = from - 86_400_000;
        for (var i = 1; i <= 12; i++)
        {
            var stop = from + ((to - from) * i / 13);
            Exec(c, tx, $"INSERT INTO hub_runs(boot_id, started_at, heartbeat_at, stopped_at) VALUES ('run{i}', {start}, {stop}, {(i % 3 == 0 ? "NULL" : stop.ToString(System.Globalization.CultureInfo.InvariantCulture))})");
            start = stop + 600_000 + random.NextInt64(6 * 3_600_000);
        }

        Exec(c, tx, $"INSERT INTO hub_runs(boot_id, started_at, heartbeat_at, stopped_at) VALUES ('run13', {start}, {to + 86_400_000}, {to + 86_400_000})");
    }

    private static void Add(SqliteCommand insert, string id, long ts, string status, string reason)
    {
        insert.Parameters["$d"].Value = id;
        insert.Parameters["$ts"].Value = ts;
        insert.Parameters["$s"].Value = status;
        insert.Parameters["$r"].Value = reason;
        insert.ExecuteNonQuery();
    }

    private static SqliteCommand Prepare(SqliteConnection c, SqliteTransaction tx, string sql, params string[] names)
    {
        var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        foreach (var name in names)
        {
            cmd.Parameters.Add(new SqliteParameter(name, null));
        }

        cmd.Prepare();
        return cmd;
    }

    private static void Exec(SqliteConnection c, SqliteTransaction tx, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}
