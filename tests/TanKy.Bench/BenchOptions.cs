using System.CommandLine;
using System.Globalization;
using TanKy.DeviceSim.Cli;

namespace TanKy.Bench;

/// <summary>
/// The benchmarks' options. Values are checked when parsed, so a typo exits 2 before minutes of
/// setup instead of running a different benchmark than the one asked for.
/// </summary>
internal static class BenchOptions
{
    public static Option<int> Int(string name, int fallback, string description, int min = 1) =>
        OptionValues.Int(name, "N", description, min, int.MaxValue, fallback);

    public static Option<string> Brokers() =>
        Names("--brokers", "embedded,mosquitto", ["embedded", "mosquitto"], "Brokers to measure, comma-separated");

    /// <summary>A comma-separated list, each item one of <paramref name="allowed"/>; split by the caller.</summary>
    public static Option<string> Names(string name, string fallback, string[] allowed, string description) =>
        List(name, fallback, string.Join(",", allowed), description, item => allowed.Contains(item, StringComparer.Ordinal), $"a comma-separated list of {string.Join(", ", allowed)}");

    /// <summary>A comma-separated list of whole numbers ≥ 1; split by the caller.</summary>
    public static Option<string> Counts(string name, string fallback, string description) =>
        List(name, fallback, "N,N,…", description, item => int.TryParse(item, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1, "comma-separated whole numbers ≥ 1");

    /// <summary>One of <paramref name="allowed"/>, refused in one line (the library's own refusal spans several).</summary>
    public static Option<string> Choice(string name, string fallback, string description, params string[] allowed)
    {
        var option = new Option<string>(name) { HelpName = string.Join("|", allowed), Description = description, DefaultValueFactory = _ => fallback };
        option.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<string>() is { } value && !allowed.Contains(value, StringComparer.Ordinal))
            {
                r.AddError($"{name} needs one of {string.Join(", ", allowed)}, not '{value}'");
            }
        });
        return option;
    }

    private static Option<string> List(string name, string fallback, string helpName, string description, Func<string, bool> valid, string what)
    {
        var option = new Option<string>(name) { HelpName = helpName, Description = description, DefaultValueFactory = _ => fallback };
        option.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<string>() is { } value && !value.Split(',', StringSplitOptions.TrimEntries).All(valid))
            {
                r.AddError($"{name} needs {what}, not '{value}'");
            }
        });
        return option;
    }
}
