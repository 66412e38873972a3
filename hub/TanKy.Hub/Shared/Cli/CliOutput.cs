using System.Text.Encodings.Web;
using System.Text.Json;

namespace TanKy.Hub.Shared.Cli;

/// <summary>Console output helpers shared by the commands: JSON for scripts, aligned tables for people.</summary>
public static class CliOutput
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void WriteJson(object value) => Console.Out.WriteLine(JsonSerializer.Serialize(value, Json));

    public static void WriteTable(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        var all = rows.ToList();
        var widths = headers.Select((h, i) => Math.Max(h.Length, all.Count == 0 ? 0 : all.Max(r => r[i].Length))).ToArray();
        Console.Out.WriteLine(string.Join("  ", headers.Select((h, i) => h.PadRight(widths[i]))).TrimEnd());
        foreach (var row in all)
        {
            Console.Out.WriteLine(string.Join("  ", row.Select((c, i) => c.PadRight(widths[i]))).TrimEnd());
        }
    }

    /// <summary>Errors go to stderr in the CLI's language (<see cref="CliText"/>), and the command exits 1.</summary>
    public static int Fail(string message)
    {
        Console.Error.WriteLine(CliText.T("cli.error", message));
        return 1;
    }
}
