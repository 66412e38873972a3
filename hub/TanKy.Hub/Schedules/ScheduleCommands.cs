using TanKy.Hub.Broadcasts.Relay;
using TanKy.Hub.Devices.Cli;
using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using TanKy.Hub.Media;
using TanKy.Hub.Schedules.Parsing;
using TanKy.Hub.Schedules.Planning;
using TanKy.Hub.Schedules.Precache;
using TanKy.Hub.Shared.Cli;
using TanKy.Hub.Schedules.DeviceActions;
using TanKy.Hub.Shared;
using TanKy.Hub.Shared.Text;

namespace TanKy.Hub.Schedules;

/// <summary>
/// <c>tanky-hub schedules check [DIR]</c> and <c>schedules agenda --days N [--zone Z] [--json]</c>.
/// Both read the folder and the data directory's registry and media, whether or not the hub runs.
/// </summary>
public static class ScheduleCommands
{
    /// <param name="text">The CLI's text for a key (Resources/Text/programme2.resx), in the CLI's language.</param>
    /// <param name="sources">The relay sources registry over the data directory, so <c>check</c> knows the sources relays name (none when null).</param>
    public static Command Build(Func<string, string> text, Func<CliContext, IRelaySources>? sources = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var cmd = new Command("schedules", text("sched.cli.schedules"));
        cmd.Subcommands.Add(Check(text, sources));
        cmd.Subcommands.Add(Agenda(text, sources));
        return cmd;
    }

    private static Command Check(Func<string, string> text, Func<CliContext, IRelaySources>? sources)
    {
        var dir = new Argument<string?>("DIR") { Description = text("sched.cli.dir"), Arity = ArgumentArity.ZeroOrOne };
        var cmd = new Command("check", text("sched.cli.check")) { dir };
        cmd.SetAction(r => CliOptions.Guard(() =>
        {
            var (ctx, options) = Open(r);
            var result = Load(ctx, options, r.GetValue(dir), sources);
            foreach (var line in ScheduleErrorList.Lines(result.Errors, ScheduleErrorList.Cap, text))
            {
                Console.Out.WriteLine(line);
            }

            if (!result.IsValid)
            {
                Console.Error.WriteLine(Format(text("sched.check.count"), result.Errors.Count));
                return 1;
            }

            var set = result.Set!;
            Console.Out.WriteLine(Format(text("sched.check.valid"), set.Programmes.Count, set.Calendars.Count, set.Actions.Count));
            return 0;
        }));
        return cmd;
    }

    private static string Format(string template, params object[] args) => string.Format(CultureInfo.InvariantCulture, template, args);

    private static Command Agenda(Func<string, string> text, Func<CliContext, IRelaySources>? sources)
    {
        var days = new Option<int>("--days") { Description = text("sched.cli.days"), DefaultValueFactory = _ => 7 };
        var zone = new Option<string?>("--zone") { Description = text("sched.cli.zone") };
        var dir = new Option<string?>("--dir") { Description = text("sched.cli.dir") };
        var cmd = new Command("agenda", text("sched.cli.agenda")) { days, zone, dir, CliOptions.Json };
        cmd.SetAction(r => CliOptions.Guard(() =>
        {
            var (ctx, options) = Open(r);
            var result = Load(ctx, options, r.GetValue(dir), sources);
            if (!result.IsValid)
            {
                ScheduleErrorList.Lines(result.Errors, ScheduleErrorList.Cap, text).ToList().ForEach(Console.Error.WriteLine);
                return CliOutput.Fail(text("sched.cli.filesHaveErrors"));
            }

            var n = r.GetValue(days);
            if (n is < 1 or > AgendaService.MaxDays)
            {
                return CliOutput.Fail(Format(text("sched.cli.badDays"), AgendaService.MaxDays));
            }

            var now = ctx.Time.GetUtcNow();
            var entries = AgendaService.Annotate(AgendaService.Compose(result.Set!, now, n, r.GetValue(zone), ctx.Devices(), new CacheStateReader(ctx.Db)), now, n, null, sources?.Invoke(ctx));
            Write(entries, r.GetValue(CliOptions.Json), text);
            return 0;
        }));
        return cmd;
    }

    private static (CliContext, ScheduleOptions) Open(ParseResult r)
    {
        var ctx = CliOptions.Context(r);
        return (ctx, ctx.Configuration.GetSection(ScheduleOptions.Section).Get<ScheduleOptions>() ?? new ScheduleOptions());
    }

    private static ScheduleLoadResult Load(CliContext ctx, ScheduleOptions options, string? dir, Func<CliContext, IRelaySources>? relaySources)
    {
        var sources = ScheduleSource.ReadFolder(dir ?? options.Directory, options.FileLimits);
        var refs = ScheduleReferences.From(ctx.Zones(), ctx.Devices(), MediaCommands.Library(ctx), relaySources?.Invoke(ctx));
        // The same value rules as the running hub (device control), so `check` and the hub agree.
        return ScheduleLoader.Load(sources, refs, ctx.Time.GetUtcNow(), options.OverlapHorizon, new DeviceActions.DesiredSchemaActionValidator(), options.FileLimits);
    }

    private static void Write(IReadOnlyList<AgendaEntry> entries, bool json, Func<string, string> text)
    {
        if (json)
        {
            CliOutput.WriteJson(entries.Select(e => AgendaDto.From(e, CliText.Language)));
            return;
        }

        CliOutput.WriteTable(
            new[] { "start", "end", "zone", "class", "status", "programme", "ready" }.Select(h => text("sched.cli.col." + h)).ToList(),
            entries.Select(e => (IReadOnlyList<string>)[
                Local(e.Start), Local(e.End), e.Zone, e.Class.ToString().ToLowerInvariant(), AgendaDto.StatusName(e.Status) + (e.Reason is null ? "" : $" ({HubText.Default.Render(e.Reason, CliText.Language)})"),
                $"{e.ProgrammeId} — {e.Title}" + (e.Relay is { } relay ? " · " + AgendaDto.RelayText(relay, e.SourceName, CliText.Language) : ""), e.Nodes.Count == 0 ? "-" : $"{e.Nodes.Count(x => x.State == "ready")}/{e.Nodes.Count}"]));
        Console.Out.WriteLine(Format(text("sched.cli.airings"), entries.Count));
    }

    private static string Local(DateTimeOffset t) => CommuneTime.ToLocal(t).ToString("ddd yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
