using System.CommandLine;
using System.Globalization;
using System.Net.Http.Headers;
using TanKy.Hub.Broadcasts.Cli;
using TanKy.Hub.Shared.Cli;

namespace TanKy.Hub.Emergency.Engine;

/// <summary>
/// <c>tanky-hub broadcast emergency --zones … (--media ID | --text "…" | --file F.wav) [--siren ID]
/// [--repeat N --interval S]</c> and <c>tanky-hub broadcast cancel ID</c>, against the running hub's
/// <c>/api/v1/emergency</c> (same authorisation and audit as the phone).
/// </summary>
public static class EmergencyCliCommands
{
    public static Command Emergency()
    {
        var zones = new Option<string>("--zones") { Description = CliText.T("cli2.opt.zones"), Required = true };
        var media = new Option<string?>("--media") { Description = CliText.T("cli2.em.media") };
        var text = new Option<string?>("--text") { Description = CliText.T("cli2.em.text") };
        var file = new Option<FileInfo?>("--file") { Description = CliText.T("cli2.em.file") };
        var siren = new Option<string?>("--siren") { Description = CliText.T("cli2.em.siren") };
        var headline = new Option<string?>("--headline") { Description = CliText.T("cli2.em.headline") };
        var repeat = new Option<int>("--repeat") { Description = CliText.T("cli2.em.repeat"), DefaultValueFactory = _ => 1 };
        var interval = new Option<double>("--interval") { Description = CliText.T("cli2.em.interval"), DefaultValueFactory = _ => 0 };
        var command = new Command("emergency", CliText.T("cli2.em")) { zones, media, text, file, siren, headline, repeat, interval, CliOptions.Json };
        command.SetAction((r, ct) => BroadcastCommands.RunAsync(r, async (api, output) =>
        {
            var given = new object?[] { r.GetValue(media), r.GetValue(text), r.GetValue(file) }.Count(v => v is not null);
            if (given != 1)
            {
                return BroadcastCommands.Fail(r, CliText.T("cli.emergency.one-source"));
            }

            var fields = new Dictionary<string, string?>
            {
                ["zones"] = r.GetValue(zones), ["media"] = r.GetValue(media), ["text"] = r.GetValue(text), ["siren"] = r.GetValue(siren),
                ["headline"] = r.GetValue(headline), ["repeat"] = r.GetValue(repeat).ToString(CultureInfo.InvariantCulture),
                ["interval"] = r.GetValue(interval).ToString(CultureInfo.InvariantCulture),
            };
            using var form = new MultipartFormDataContent();
            foreach (var (name, value) in fields.Where(f => f.Value is not null))
            {
                form.Add(new StringContent(value!), name);
            }

            if (r.GetValue(file) is { } f)
            {
                if (!f.Exists)
                {
                    return BroadcastCommands.Fail(r, CliText.T("cli.emergency.no-file", f.FullName));
                }

                var bytes = new ByteArrayContent(await File.ReadAllBytesAsync(f.FullName, ct));
                bytes.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
                form.Add(bytes, "file", f.Name);
            }

            var answer = await api.PostContentAsync("/api/v1/emergency", form, ct);
            return BroadcastCommands.Print(r, answer, output, j => output.WriteLine(
                CliText.T("cli.emergency.started", BroadcastCommands.Text(j, "id"))));
        }));
        return command;
    }

    public static Command Cancel()
    {
        var id = new Argument<string>("id") { Description = CliText.T("cli2.em.id") };
        var command = new Command("cancel", CliText.T("cli2.em.cancel")) { id, CliOptions.Json };
        command.SetAction((r, ct) => BroadcastCommands.RunAsync(r, async (api, output) =>
        {
            var answer = await api.DeleteAsync("/api/v1/emergency/" + Uri.EscapeDataString(r.GetValue(id)!), ct);
            return BroadcastCommands.Print(r, answer, output, j => output.WriteLine(CliText.T("cli.emergency.cancelled", BroadcastCommands.Text(j, "id"))));
        }));
        return command;
    }
}
