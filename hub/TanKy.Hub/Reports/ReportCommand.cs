using System.CommandLine;
using Microsoft.Extensions.Options;
using TanKy.Hub.Shared.Cli;

namespace TanKy.Hub.Reports;

/// <summary>
/// <c>tanky-hub report --from D --to D | --period P [--format html|csv|json] [--zone Z] [--out FILE]</c>:
/// works on the data directory, whether or not the hub runs.
/// </summary>
public static class ReportCommand
{
    public static Command Build()
    {
        var from = new Option<string?>("--from") { Description = "First day, yyyy-MM-dd (Asia/Ho_Chi_Minh)" };
        var to = new Option<string?>("--to") { Description = "Last day, inclusive, yyyy-MM-dd" };
        var period = new Option<string?>("--period") { Description = "2026-11-28, 2026-11, 2026-Q4 or 2026 (instead of --from/--to)" };
        var format = new Option<string>("--format") { Description = "html | csv | json", DefaultValueFactory = _ => "html" };
        var zone = new Option<string?>("--zone") { Description = "Only this hamlet" };
        var output = new Option<string?>("--out") { Description = "File to write (default: standard output)" };
        var cmd = new Command("report", "Báo cáo chỉ số hạ tầng số / indicator report for a period") { from, to, period, format, zone, output };
        cmd.SetAction(async (r, ct) =>
        {
            try
            {
                var p = r.GetValue(period) is { } pp ? ReportPeriod.Parse(pp)
                    : r.GetValue(from) is { } f && r.GetValue(to) is { } t ? ReportPeriod.FromDates(f, t)
                    : throw new FormatException("give --from and --to, or --period");
                var fmt = ReportWriter.ParseFormat(r.GetValue(format));
                var ctx = CliOptions.Context(r);
                var builder = new ReportBuilder(ctx.Db, ctx.Time, new Broadcasting.BroadcastHistoryStatistics(ctx.Db), ctx.WrappedOptions, Options.Create(new ReportOptions()));
                IReadOnlySet<string>? scope = r.GetValue(zone) is { } z ? new HashSet<string>([z], StringComparer.Ordinal) : null;
                var report = builder.Build(p, scope);
                await Write(report, fmt, r.GetValue(output), ct);
                return 0;
            }
            catch (Exception ex) when (ex is FormatException or IOException or UnauthorizedAccessException)
            {
                return CliOutput.Fail(ex.Message);
            }
        });
        return cmd;
    }

    private static async Task Write(IndicatorReport report, ReportFormat format, string? path, CancellationToken ct)
    {
        if (path is null)
        {
            await using var stdout = Console.OpenStandardOutput();
            await ReportWriter.WriteAsync(report, format, stdout, ct);
            return;
        }

        // Write beside the target and rename: a half-written report never replaces a good one.
        var temp = path + ".tmp";
        await using (var file = File.Create(temp))
        {
            await ReportWriter.WriteAsync(report, format, file, ct);
        }

        File.Move(temp, path, overwrite: true);
        Console.Error.WriteLine($"Đã ghi / wrote {path} ({report.Devices.Count} devices, {report.IncidentsTotal} incidents)");
    }
}
