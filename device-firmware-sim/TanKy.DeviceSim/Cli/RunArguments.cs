using System.Globalization;

namespace TanKy.DeviceSim.Cli;

/// <summary>The options of <c>tanky-sim run</c>, parsed by hand (System.CommandLine is not referenced here).</summary>
internal sealed record RunArguments
{
    public required string Fleet { get; init; }

    public string? Host { get; init; }

    public int? Port { get; init; }

    public double TelemetryIntervalSeconds { get; init; } = 30;

    public int? Limit { get; init; }

    public double? DisconnectEverySeconds { get; init; }

    public int LatencyMs { get; init; }

    public double? KillEverySeconds { get; init; }

    public bool Storm { get; init; }

    public double SummaryEverySeconds { get; init; } = 10;

    public string? AudioDirectory { get; init; }

    public bool Aplay { get; init; }

    /// <summary>Speakers schedule and count frames but skip Opus decoding (benchmarks of many nodes on few cores).</summary>
    public bool NoDecode { get; init; }

    public int ClockOffsetMs { get; init; }

    public double AudioLossPercent { get; init; }

    public double? SyncWindowSeconds { get; init; }

    /// <summary>Parses the arguments after <c>run</c>; throws <see cref="FormatException"/> with a usable message.</summary>
    public static RunArguments Parse(IReadOnlyList<string> args)
    {
        string? fleet = null;
        var result = new RunArguments { Fleet = "" };
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name is "--storm" or "--aplay" or "--no-decode")
            {
                result = name switch
                {
                    "--storm" => result with { Storm = true },
                    "--aplay" => result with { Aplay = true },
                    _ => result with { NoDecode = true },
                };
                continue;
            }

            var value = i + 1 < args.Count ? args[++i] : throw new FormatException($"{name} needs a value");
            result = name switch
            {
                "--fleet" => result with { Fleet = fleet = value },
                "--host" => result with { Host = value },
                "--port" => result with { Port = Int(name, value, 1, 65535) },
                "--telemetry-interval" => result with { TelemetryIntervalSeconds = Seconds(name, value) },
                "--limit" => result with { Limit = Int(name, value, 1, int.MaxValue) },
                "--disconnect-every" => result with { DisconnectEverySeconds = Seconds(name, value) },
                "--latency-ms" => result with { LatencyMs = Int(name, value, 0, 600_000) },
                "--kill-every" => result with { KillEverySeconds = Seconds(name, value) },
                "--summary-every" => result with { SummaryEverySeconds = Seconds(name, value) },
                "--audio-dir" => result with { AudioDirectory = value },
                "--clock-offset-ms" => result with { ClockOffsetMs = Int(name, value, 0, 3_600_000) },
                "--audio-loss" => result with { AudioLossPercent = Percent(name, value) },
                "--sync-window" => result with { SyncWindowSeconds = Seconds(name, value) },
                _ => throw new FormatException($"unknown option '{name}'"),
            };
        }

        return fleet is null ? throw new FormatException("--fleet FILE is required") : result;
    }

    private static int Int(string name, string value, int min, int max) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw new FormatException($"{name} needs a whole number {min}–{max}, not '{value}'");

    private static double Percent(string name, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var p) && p >= 0 && p <= 100
            ? p
            : throw new FormatException($"{name} needs a percentage 0–100, not '{value}'");

    private static double Seconds(string name, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s > 0 && s <= 86_400
            ? s
            : throw new FormatException($"{name} needs seconds > 0 (e.g. 0.5 or 30), not '{value}'");
}
