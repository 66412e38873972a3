using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using TanKy.Hub.Shared.Cli;

namespace TanKy.Hub.Broadcasts.Relay.Sources;

/// <summary>
/// <c>tanky-hub sources add|list|remove|check</c>: the relay sources, on the data directory's
/// database (a running hub reads it on every lookup). <c>check</c> listens to the source with
/// ffmpeg here, on the machine the command runs on, and exits 1 when no URL answers.
/// </summary>
public static class RelaySourceCommands
{
    public static Command Build()
    {
        var sources = new Command("sources", CliText.T("relaysrc.cli.sources"));
        sources.Subcommands.Add(Add());
        sources.Subcommands.Add(List());
        sources.Subcommands.Add(Remove());
        sources.Subcommands.Add(Check());
        return sources;
    }

    private static Command Add()
    {
        var id = new Option<string>("--id") { Description = CliText.T("relaysrc.cli.opt-id"), Required = true };
        var name = new Option<string>("--name") { Description = CliText.T("relaysrc.cli.opt-name"), Required = true };
        var url = new Option<string[]>("--url") { Description = CliText.T("relaysrc.cli.opt-url", RelaySourceRules.MaxUrls), Required = true, AllowMultipleArgumentsPerToken = false };
        var cmd = new Command("add", CliText.T("relaysrc.cli.add")) { id, name, url, CliOptions.Json };
        cmd.SetAction(r => CliOptions.Guard(() =>
        {
            var ctx = CliOptions.Context(r);
            var added = new RelaySourceStore(ctx.Db, ctx.Time).Add(r.GetValue(id), r.GetValue(name), r.GetValue(url));
            if (r.GetValue(CliOptions.Json))
            {
                CliOutput.WriteJson(RelaySourceDto.From(added, full: true));
            }
            else
            {
                Console.Out.WriteLine(CliText.T("relaysrc.cli.added", added.Id, added.Name, added.Urls.Count));
            }

            return 0;
        }));
        return cmd;
    }

    private static Command List()
    {
        var cmd = new Command("list", CliText.T("relaysrc.cli.list")) { CliOptions.Json };
        cmd.SetAction(r => CliOptions.Guard(() =>
        {
            var ctx = CliOptions.Context(r);
            var all = new RelaySourceStore(ctx.Db, ctx.Time).List();
            if (r.GetValue(CliOptions.Json))
            {
                CliOutput.WriteJson(all.Select(s => RelaySourceDto.From(s, full: true)));
                return 0;
            }

            if (all.Count == 0)
            {
                Console.Out.WriteLine(CliText.T("relaysrc.cli.none"));
                return 0;
            }

            CliOutput.WriteTable(
                [CliText.T("relaysrc.col.id"), CliText.T("relaysrc.col.name"), CliText.T("relaysrc.col.urls"), CliText.T("relaysrc.col.created")],
                all.Select(s => (IReadOnlyList<string>)[s.Id, s.Name, string.Join(" ", s.Urls.Select(RelaySourceRules.Redact)), s.CreatedAt.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)]));
            return 0;
        }));
        return cmd;
    }

    private static Command Remove()
    {
        var id = new Option<string>("--id") { Description = CliText.T("relaysrc.cli.opt-id"), Required = true };
        var cmd = new Command("remove", CliText.T("relaysrc.cli.remove")) { id };
        cmd.SetAction(r => CliOptions.Guard(() =>
        {
            var ctx = CliOptions.Context(r);
            if (!new RelaySourceStore(ctx.Db, ctx.Time).Remove(r.GetValue(id)!))
            {
                return CliOutput.Fail(CliText.T("relaysrc.cli.no-source", r.GetValue(id)!));
            }

            Console.Out.WriteLine(CliText.T("relaysrc.cli.removed", r.GetValue(id)!));
            return 0;
        }));
        return cmd;
    }

    private static Command Check()
    {
        var id = new Option<string>("--id") { Description = CliText.T("relaysrc.cli.opt-id"), Required = true };
        var seconds = new Option<int>("--seconds") { Description = CliText.T("relaysrc.cli.opt-seconds", RelaySourceChecker.MaxSeconds), DefaultValueFactory = _ => 10 };
        var cmd = new Command("check", CliText.T("relaysrc.cli.check")) { id, seconds, CliOptions.Json };
        cmd.SetAction(async (r, ct) =>
        {
            RelaySource? source;
            RelaySourceOptions options;
            try
            {
                var ctx = CliOptions.Context(r);
                source = new RelaySourceStore(ctx.Db, ctx.Time).Find(r.GetValue(id)!);
                options = ctx.Configuration.GetSection(RelaySourceOptions.Section).Get<RelaySourceOptions>() ?? new RelaySourceOptions();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException)
            {
                return CliOutput.Fail(CliText.Say(ex));
            }

            if (source is null)
            {
                return CliOutput.Fail(CliText.T("relaysrc.cli.no-source", r.GetValue(id)!));
            }

            if (r.GetValue(seconds) is < 1 or > RelaySourceChecker.MaxSeconds)
            {
                return CliOutput.Fail(CliText.T("relaysrc.cli.bad-seconds", RelaySourceChecker.MaxSeconds));
            }

            if (!r.GetValue(CliOptions.Json))
            {
                Console.Out.WriteLine(CliText.T("relaysrc.cli.checking", source.Id, r.GetValue(seconds)));
            }

            var result = await new RelaySourceChecker(options).CheckAsync(source, r.GetValue(seconds), ct);
            if (r.GetValue(CliOptions.Json))
            {
                CliOutput.WriteJson(result);
            }
            else
            {
                Print(result);
            }

            return result.Reachable ? 0 : CliOutput.Fail(CliText.T("relaysrc.cli.unreachable", source.Id));
        });
        return cmd;
    }

    private static void Print(RelaySourceCheck result)
    {
        foreach (var u in result.Urls)
        {
            if (!u.Reachable)
            {
                Console.Out.WriteLine(CliText.T("relaysrc.cli.url-down", u.Url, u.Error ?? "-"));
                continue;
            }

            Console.Out.WriteLine(CliText.T("relaysrc.cli.url-up", u.Url));
            Console.Out.WriteLine(CliText.T(
                "relaysrc.cli.format",
                u.Codec ?? "-",
                u.SampleRate?.ToString(CultureInfo.InvariantCulture) ?? "-",
                u.Channels ?? "-",
                u.BitrateKbps?.ToString(CultureInfo.InvariantCulture) ?? "-"));
            Console.Out.WriteLine(CliText.T("relaysrc.cli.loudness", u.LoudnessLufs?.ToString("0.0", CultureInfo.InvariantCulture) ?? "-"));
        }
    }
}
