using System.CommandLine;
using System.Globalization;
using TanKy.Hub.Shared.Cli;

namespace TanKy.Hub.Emergency.Cap;

/// <summary>
/// <c>tanky-hub cap senders add|list|remove</c>: the CAP sources this hub believes. Works on the
/// data directory's database (the running hub reads it per message, so changes apply at once).
/// </summary>
public static class CapCommands
{
    public static Command Build()
    {
        var cap = new Command("cap", CapCliText.Get("cap.cli.cap"));
        var senders = new Command("senders", CapCliText.Get("cap.cli.senders"));

        var sender = new Option<string>("--sender") { Description = CapCliText.Get("cap.cli.opt-sender"), Required = true };
        var token = new Option<bool>("--token") { Description = CapCliText.Get("cap.cli.opt-token") };
        var key = new Option<FileInfo?>("--key") { Description = CapCliText.Get("cap.cli.opt-key") };
        var note = new Option<string?>("--note") { Description = CapCliText.Get("cap.cli.opt-note") };
        var add = new Command("add", CapCliText.Get("cap.cli.add")) { sender, token, key, note, CliOptions.Json };
        add.SetAction(r => CliOptions.Guard(() =>
        {
            byte[]? keyBytes = null;
            if (r.GetValue(key) is { } file)
            {
                if (!file.Exists)
                {
                    return CliOutput.Fail(CapCliText.Get("cap.cli.no-file", file.FullName));
                }

                keyBytes = File.ReadAllBytes(file.FullName);
            }

            var ctx = CliOptions.Context(r);
            var store = new CapSenderStore(ctx.Db, ctx.Time);
            var created = store.Add(r.GetValue(sender)!, r.GetValue(token), keyBytes, r.GetValue(note));
            var registered = store.Find(r.GetValue(sender)!.Trim())!;
            if (r.GetValue(CliOptions.Json))
            {
                CliOutput.WriteJson(new { sender = registered.Sender, token = created, keySha256 = registered.KeySha256 });
            }
            else
            {
                Console.Out.WriteLine(CapCliText.Get("cap.cli.registered", registered.Sender));
                if (registered.KeySha256 is not null)
                {
                    Console.Out.WriteLine(CapCliText.Get("cap.cli.key", registered.KeySha256));
                }

                if (created is not null)
                {
                    Console.Out.WriteLine(CapCliText.Get("cap.cli.token", created));
                }
            }

            return 0;
        }));

        var list = new Command("list", CapCliText.Get("cap.cli.list")) { CliOptions.Json };
        list.SetAction(r => CliOptions.Guard(() =>
        {
            var ctx = CliOptions.Context(r);
            var all = new CapSenderStore(ctx.Db, ctx.Time).List();
            if (r.GetValue(CliOptions.Json))
            {
                CliOutput.WriteJson(all.Select(s => new { sender = s.Sender, token = s.HasToken, keySha256 = s.KeySha256, note = s.Note, createdAt = s.CreatedAt }));
                return 0;
            }

            CliOutput.WriteTable(
                CliText.Columns("sender", "token", "key-sha", "created", "note"),
                all.Select(s => (IReadOnlyList<string>)[s.Sender, s.HasToken ? CapCliText.Get("cap.cli.yes") : "-", s.KeySha256 is { } k ? k[..16] + "…" : "-", s.CreatedAt.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), s.Note ?? ""]));
            return 0;
        }));

        var removeSender = new Option<string>("--sender") { Description = CapCliText.Get("cap.cli.opt-sender"), Required = true };
        var remove = new Command("remove", CapCliText.Get("cap.cli.remove")) { removeSender };
        remove.SetAction(r => CliOptions.Guard(() =>
        {
            var ctx = CliOptions.Context(r);
            if (!new CapSenderStore(ctx.Db, ctx.Time).Remove(r.GetValue(removeSender)!))
            {
                return CliOutput.Fail(CapCliText.Get("cap.cli.no-sender", r.GetValue(removeSender)!));
            }

            Console.Out.WriteLine(CapCliText.Get("cap.cli.removed", r.GetValue(removeSender)!));
            return 0;
        }));

        senders.Subcommands.Add(add);
        senders.Subcommands.Add(list);
        senders.Subcommands.Add(remove);
        cap.Subcommands.Add(senders);
        return cap;
    }
}
