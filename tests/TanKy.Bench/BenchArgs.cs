using System.Globalization;

namespace TanKy.Bench;

/// <summary>Tiny option parsing shared by the benchmarks (<c>--name value</c>).</summary>
internal static class BenchArgs
{
    public static string String(string[] args, string name, string fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }

    public static int Int(string[] args, string name, int fallback) =>
        int.Parse(String(args, name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
}
