using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace TanKy.DeviceSim.Cli;

/// <summary>
/// Typed options that refuse out-of-range values with the reason a person can act on
/// ("--port needs a whole number 1–65535, not '0'"), not the library's type name.
/// </summary>
internal static class OptionValues
{
    public static Option<int> Int(string name, string helpName, string description, int min, int max, int fallback) =>
        new(name) { HelpName = helpName, Description = description, DefaultValueFactory = _ => fallback, CustomParser = r => ParseInt(r, name, min, max) ?? fallback };

    public static Option<int?> OptionalInt(string name, string helpName, string description, int min, int max) =>
        new(name) { HelpName = helpName, Description = description, CustomParser = r => ParseInt(r, name, min, max) };

    public static Option<double> Seconds(string name, string helpName, string description, double fallback) =>
        new(name) { HelpName = helpName, Description = description, DefaultValueFactory = _ => fallback, CustomParser = r => ParseSeconds(r, name) ?? fallback };

    public static Option<double?> OptionalSeconds(string name, string helpName, string description) =>
        new(name) { HelpName = helpName, Description = description, CustomParser = r => ParseSeconds(r, name) };

    public static Option<double> Percent(string name, string helpName, string description) =>
        new(name) { HelpName = helpName, Description = description, CustomParser = r => ParsePercent(r, name) };

    private static int? ParseInt(ArgumentResult r, string name, int min, int max)
    {
        var value = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
        if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max)
        {
            return n;
        }

        r.AddError($"{name} needs a whole number {min}–{max}, not '{value}'");
        return null;
    }

    private static double? ParseSeconds(ArgumentResult r, string name)
    {
        var value = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s > 0 && s <= 86_400)
        {
            return s;
        }

        r.AddError($"{name} needs seconds > 0 (e.g. 0.5 or 30), not '{value}'");
        return null;
    }

    private static double ParsePercent(ArgumentResult r, string name)
    {
        var value = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var p) && p >= 0 && p <= 100)
        {
            return p;
        }

        r.AddError($"{name} needs a percentage 0–100, not '{value}'");
        return 0;
    }
}
