using System.CommandLine;
using Microsoft.Extensions.Options;
using TanKy.Hub.Reports.Text;
using TanKy.Hub.Shared.Cli;

namespace TanKy.Hub.Reports;

/// <summary>
/// <c>tanky-hub report --from D --to D | --period P [--format html|csv|json] [--headers vi|en] [--zone Z] [--out FILE]</c>:
/// works on the data directory, whether or not the hub runs.
/// </summary>
public static class ReportCommand
{
    public static Command Build()
    {
        var from = new Option<string?>("--from") { Description = ReportText.In(CliText.Language, "rpt.cli.from") };
        var to = new Option<string?>("--to") { Description = ReportText.In(CliText.Language, "rpt.cli.to") };
        var period = new Option<string?>("--period") { Description = ReportText.In(CliText.Language, "rpt.cli.period") };
        var format = new Option<string>("--format") { Description = ReportText.In(CliText.Language, "rpt.cli.format"), DefaultValueFactory = _ => "html" };
        var headers = new Option<string>("--headers") { Description = ReportText.In(CliText.Language, "rpt.cli.headers"), DefaultValueFactory = _ => "vi" };
        var zone = new Option<string?>("--zone") { Description = ReportText.In(CliText.Language, "rpt.cli.zone") };
        var output = new Option<string?>("--out") { Description = ReportText.In(CliText.Language, "rpt.cli.out") };
        var cmd = new Command("report", ReportText.In(CliText.Language, "rpt.cli.description")) { from, to, period, format, headers, zone, output };
        cmd.SetAction(async (r, ct) =>
        {
            try
            {
                var p = r.GetValue(period) is { } pp ? ReportPeriod.Parse(pp)
                    : r.GetValue(from) is { } f && r.GetValue(to) is { } t ? ReportPeriod.FromDates(f, t)
                    : throw new ReportInputException("rpt.error.no-period-cli");
                var fmt = ReportWriter.ParseFormat(r.GetValue(format));
                var csvHeaders = CsvHeadersParser.Parse(r.GetValue(headers));
                var ctx = CliOptions.Context(r);
                var builder = new ReportBuilder(ctx.Db, ctx.Time, new Broadcasting.BroadcastHistoryStatistics(ctx.Db, ctx.Time), ctx.WrappedOptions, Options.Create(new ReportOptions()));
                IReadOnlySet<string>? scope = r.GetValue(zone) is { } z ? new HashSet<string>([z], StringComparer.Ordinal) : null;
                var report = builder.Build(p, scope);
                await Write(report, fmt, csvHeaders, r.GetValue(output), ct);
                return 0;
            }
            catch (Exception ex) when (ex is FormatException or IOException or UnauthorizedAccessException)
            {
                // In the CLI's language (--lang en), not always the Vietnamese of the exception's message.
                return CliOutput.Fail(ex is ReportInputException input ? input.MessageIn(CliText.Language) : CliText.Say(ex));
            }
        });
        return cmd;
    }

    private static async Task Write(IndicatorReport report, ReportFormat format, CsvHeaders headers, string? path, CancellationToken ct)
    {
        if (path is null)
        {
            await using var stdout = Console.OpenStandardOutput();
            await ReportWriter.WriteAsync(report, format, headers, stdout, ct);
            return;
        }

        // Write beside the target and rename: a half-written report never replaces a good one.
        var temp = path + ".tmp";
        await using (var file = File.Create(temp))
        {
            await ReportWriter.WriteAsync(report, format, headers, file, ct);
        }

        File.Move(temp, path, overwrite: true);
        Console.Error.WriteLine(ReportText.Get("rpt.cli.wrote", path, report.Devices.Count, report.IncidentsTotal));
    }
}
