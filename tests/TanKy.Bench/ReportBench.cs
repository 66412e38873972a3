using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using TanKy.Hub.Reports;
using TanKy.Hub.Shared;
using TanKy.Hub.Shared.Data;

namespace TanKy.Bench;

/// <summary>
/// <c>report [--devices 1300] [--year 2026] [--keep DIR]</c>: synthesises a year of history for a
/// fleet (about 1 M status events, silence gaps, hub downtime, maintenance, Wi-Fi hours) and
/// times the yearly report in JSON and HTML in a fresh child process, so the peak RSS is the
/// report's own and not the synthesis'.
/// </summary>
internal static class ReportBench
{
    public static Command Command(BenchStart start)
    {
        var devices = BenchOptions.Int("--devices", 1300, "Devices in the synthetic fleet");
        var year = BenchOptions.Int("--year", 2026, "Year of history");
        var keep = new Option<string?>("--keep") { HelpName = "DIR", Description = "Synthesise into DIR and keep it" };
        // The child process's half of the run: not for people, so not in the help.
        var measure = new Option<string?>("--measure") { HelpName = "DIR", Hidden = true };
        var cmd = new Command("report", "Báo cáo năm trên một năm lịch sử / the yearly report over a synthetic year of history") { devices, year, keep, measure };
        cmd.SetAction(r => start(cmd.Name, () => r.GetValue(measure) is { } dir
            ? Task.FromResult(Measure(dir))
            : RunAsync(r.GetValue(devices), r.GetValue(year), r.GetValue(keep))));
        return cmd;
    }

    private static async Task<int> RunAsync(int devices, int year, string? keep)
    {
        var dir = keep ?? Path.Combine(Path.GetTempPath(), "tanky-report-bench-" + Guid.NewGuid().ToString("N")[..8]);
        var sw = Stopwatch.StartNew();
        var counts = ReportHistorySynthesiser.Create(dir, devices, year);
        var synthSeconds = sw.Elapsed.TotalSeconds;
        try
        {
            // Under "dotnet TanKy.Bench.dll" the process is dotnet itself: pass the assembly first.
            var host = Environment.ProcessPath!;
            string[] childArgs = Path.GetFileNameWithoutExtension(host) == "dotnet"
                ? [typeof(ReportBench).Assembly.Location, "report", "--measure", dir]
                : ["report", "--measure", dir];
            using var child = Process.Start(new ProcessStartInfo(host, childArgs) { RedirectStandardOutput = true })!;
            var output = await child.StandardOutput.ReadToEndAsync();
            await child.WaitForExitAsync();
            Console.Error.WriteLine($"synthesised {counts.Devices} devices, {counts.StatusEvents} status events, {counts.WifiHours} Wi-Fi hours in {synthSeconds:0.0} s; database {new FileInfo(Path.Combine(dir, "tanky.db")).Length / 1048576.0:0} MiB");
            Console.Out.Write(output);
            return child.ExitCode;
        }
        finally
        {
            if (keep is null)
            {
                SqliteConnection.ClearAllPools();
                Directory.Delete(dir, recursive: true);
            }
        }
    }

    private static int Measure(string dir)
    {
        var db = new Database(dir);
        var period = ReportPeriod.Parse("2026");
        var time = new FixedTime(period.To.AddDays(1));
        var builder = new ReportBuilder(db, time, new NoBroadcastStatistics(), Options.Create(new HubOptions()), Options.Create(new ReportOptions()));
        foreach (var run in new[] { "cold", "warm" })
        {
            var cpu = BenchOutput.CpuSeconds();
            var sw = Stopwatch.StartNew();
            var report = builder.Build(period);
            var buildSeconds = sw.Elapsed.TotalSeconds;
            var json = Write(report, ReportFormat.Json, dir);
            var afterJson = sw.Elapsed.TotalSeconds;
            var html = Write(report, ReportFormat.Html, dir);
            var total = sw.Elapsed.TotalSeconds;
            BenchOutput.Write("report", new
            {
                run,
                devices = report.Devices.Count,
                incidents = report.IncidentsTotal,
                period = "2026 (365 days)",
                build_s = Math.Round(buildSeconds, 3),
                json_s = Math.Round(afterJson, 3),
                json_and_html_s = Math.Round(total, 3),
                json_mib = Math.Round(json / 1048576.0, 2),
                html_mib = Math.Round(html / 1048576.0, 2),
                cpu_s = Math.Round(BenchOutput.CpuSeconds() - cpu, 3),
                peak_rss_mib = Math.Round(BenchOutput.PeakRssMiB(), 1),
                commune_availability_pct = report.Commune.AvailabilityPct,
            });
        }

        return 0;
    }

    private static long Write(IndicatorReport report, ReportFormat format, string dir)
    {
        var path = Path.Combine(dir, "report." + format.ToString().ToLowerInvariant());
        using (var file = File.Create(path))
        {
            ReportWriter.WriteAsync(report, format, file).GetAwaiter().GetResult();
        }

        return new FileInfo(path).Length;
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
