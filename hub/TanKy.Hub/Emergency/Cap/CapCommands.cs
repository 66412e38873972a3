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
        var cap = new Command("cap", "Bản tin cảnh báo CAP / CAP alert intake");
        var senders = new Command("senders", "Nguồn CAP được tin cậy / trusted CAP senders");

        var sender = new Option<string>("--sender") { Description = "The CAP <sender> value, e.g. canhbao@kttv-bactrungbo.gov.vn", Required = true };
        var token = new Option<bool>("--token") { Description = "Create a token for the X-Cap-Token header (printed once)" };
        var key = new Option<FileInfo?>("--key") { Description = "RSA public key or certificate (PEM or DER) that signs the sender's alerts" };
        var note = new Option<string?>("--note") { Description = "Who this is (province, system)" };
        var add = new Command("add", "Đăng ký nguồn CAP / register a CAP sender with a token, a signing key or both") { sender, token, key, note, CliOptions.Json };
        add.SetAction(r => CliOptions.Guard(() =>
        {
            byte[]? keyBytes = null;
            if (r.GetValue(key) is { } file)
            {
                if (!file.Exists)
                {
                    return CliOutput.Fail($"không thấy tệp / no such file: {file.FullName}");
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
                Console.Out.WriteLine($"Đã đăng ký / registered {registered.Sender}");
                if (registered.KeySha256 is not null)
                {
                    Console.Out.WriteLine($"khoá / key sha256 {registered.KeySha256}");
                }

                if (created is not null)
                {
                    Console.Out.WriteLine($"X-Cap-Token (in một lần / shown once): {created}");
                }
            }

            return 0;
        }));

        var list = new Command("list", "Danh sách nguồn CAP (không lộ mã) / list CAP senders (tokens are never shown)") { CliOptions.Json };
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
                ["SENDER", "TOKEN", "KEY SHA-256", "CREATED", "NOTE"],
                all.Select(s => (IReadOnlyList<string>)[s.Sender, s.HasToken ? "yes" : "-", s.KeySha256 is { } k ? k[..16] + "…" : "-", s.CreatedAt.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), s.Note ?? ""]));
            return 0;
        }));

        var removeSender = new Option<string>("--sender") { Description = "The CAP <sender> value", Required = true };
        var remove = new Command("remove", "Xoá nguồn CAP; bản tin của nó bị từ chối ngay / remove a sender: its alerts are refused at once") { removeSender };
        remove.SetAction(r => CliOptions.Guard(() =>
        {
            var ctx = CliOptions.Context(r);
            if (!new CapSenderStore(ctx.Db, ctx.Time).Remove(r.GetValue(removeSender)!))
            {
                return CliOutput.Fail($"không có nguồn / no such sender: {r.GetValue(removeSender)}");
            }

            Console.Out.WriteLine($"Đã xoá / removed {r.GetValue(removeSender)}");
            return 0;
        }));

        senders.Subcommands.Add(add);
        senders.Subcommands.Add(list);
        senders.Subcommands.Add(remove);
        cap.Subcommands.Add(senders);
        return cap;
    }
}
