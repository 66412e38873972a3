using System.Text;
using Microsoft.Data.Sqlite;

namespace TanKy.Hub.Tests.Storage;

/// <summary>Every row of every table of a SQLite file as one canonical text, to compare two databases.</summary>
internal static class DbDump
{
    public static string Of(string file)
    {
        using var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false, Mode = SqliteOpenMode.ReadOnly }.ToString());
        c.Open();
        var tables = new List<string>();
        using (var list = c.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name";
            using var r = list.ExecuteReader();
            while (r.Read())
            {
                tables.Add(r.GetString(0));
            }
        }

        var text = new StringBuilder();
        foreach (var table in tables)
        {
            using var rows = c.CreateCommand();
            rows.CommandText = $"SELECT * FROM \"{table}\"";
            var lines = new List<string>();
            using var r = rows.ExecuteReader();
            while (r.Read())
            {
                lines.Add(string.Join('|', Enumerable.Range(0, r.FieldCount).Select(i => r.IsDBNull(i) ? "∅" : Convert.ToString(r.GetValue(i) is byte[] b ? Convert.ToHexString(b) : r.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
            }

            lines.Sort(StringComparer.Ordinal);
            text.Append("# ").AppendLine(table).AppendJoin('\n', lines).AppendLine();
        }

        return text.ToString();
    }

    public static long Count(string file, string table)
    {
        using var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false, Mode = SqliteOpenMode.ReadOnly }.ToString());
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
        return (long)cmd.ExecuteScalar()!;
    }
}
