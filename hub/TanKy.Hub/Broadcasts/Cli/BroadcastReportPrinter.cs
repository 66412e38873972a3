using System.Globalization;
using System.Text.Json;
using TanKy.Hub.Broadcasts.History;
using TanKy.Hub.Shared;
using TanKy.Hub.Shared.Cli;
using TanKy.Hub.Shared.Text;

namespace TanKy.Hub.Broadcasts.Cli;

/// <summary>
/// Human output of <c>broadcast list</c> and <c>broadcast report</c> in the CLI's language
/// (<see cref="CliText"/>, keys <c>cli2.bc.*</c> and the console's <c>bcast.dur.*</c>), aligned columns.
/// </summary>
internal static class BroadcastReportPrinter
{
    private static string Word(string key) => HubText.Default.Get(key, CliText.Language);

    /// <summary>
    /// One line per broadcast. Times are the commune's clock (+07:00) whatever the hub sent, lengths
    /// are spoken ("6 phút 14 giây"), not seconds.
    /// </summary>
    public static void List(JsonElement list, TextWriter output)
    {
        var rows = list.EnumerateArray().Select(b => (IReadOnlyList<string>)
        [
            T(b, "id"), T(b, "class"), T(b, "status"), string.Join(',', b.GetProperty("zones").EnumerateArray().Select(z => z.GetString())),
            LocalTime(b, "requestedAt"), Length(b), T(b, "operator"), T(b, "title"),
        ]).ToList();
        Table(output, Headers("id", "class", "status", "zones", "requested", "length", "operator", "title"), rows);
    }

    /// <summary>"07/12/2026 14:05:09 +07:00", or "-".</summary>
    internal static string LocalTime(JsonElement json, string name) =>
        Instant(json, name) is { } at ? CommuneTime.ToLocal(at).ToString("dd/MM/yyyy HH:mm:ss zzz", CultureInfo.InvariantCulture) : "-";

    /// <summary>Start to end on the air, spoken; "-" while it has not both started and ended.</summary>
    internal static string Length(JsonElement b) =>
        Instant(b, "startedAt") is { } s && Instant(b, "endedAt") is { } e && e >= s ? SpokenDuration.Format(e - s, Word) : "-";

    private static DateTimeOffset? Instant(JsonElement json, string name) =>
        BroadcastCommands.Text(json, name) is { } text
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) ? at : null;

    public static void Report(JsonElement detail, TextWriter output)
    {
        var b = detail.GetProperty("broadcast");
        var d = detail.GetProperty("delivery");
        output.WriteLine(CliText.T("cli2.bc.report-head", T(b, "id"), T(b, "title"), T(b, "class"), T(b, "status"))
            + (BroadcastCommands.Text(b, "endReason") is { } r ? ": " + HubText.Default.Render(r, CliText.Language) : ""));
        output.WriteLine(CliText.T("cli2.bc.report-counts", T(d, "started"), T(d, "targeted"), Finished(d), T(d, "stopped"), T(d, "failed"), T(d, "offlineAtStart"), T(d, "pending")));
        output.WriteLine(CliText.T("cli2.bc.report-timing", BroadcastCommands.Micros(d, "startErrorP50Us"), BroadcastCommands.Micros(d, "startErrorMaxAbsUs"),
            BroadcastCommands.Micros(d, "triggerToSoundP50Us"), BroadcastCommands.Micros(d, "triggerToSoundMaxUs")));
        if (detail.TryGetProperty("relay", out var relay) && relay.ValueKind == JsonValueKind.Object && relay.GetProperty("counts") is var c)
        {
            output.WriteLine(CliText.T("relayair.cli.report", T(relay, "source"), SpokenDuration.Format(TimeSpan.FromSeconds(c.GetProperty("relayedSeconds").GetDouble()), Word),
                T(c, "dropouts"), T(c, "fallbackSwitches")));
        }

        var rows = d.GetProperty("nodes").EnumerateArray().Select(n => (IReadOnlyList<string>)
        [
            Named(n, "deviceName", "deviceId"), Named(n, "zoneName", "zone"), Outcome(n), BroadcastCommands.Micros(n, "startErrorUs"), BroadcastCommands.Micros(n, "triggerToSoundUs"),
            T(n, "framesPlayed"), T(n, "framesConcealed"), T(n, "framesLate"),
        ]).ToList();
        Table(output, Headers("speaker", "zone", "outcome", "error", "to-sound", "played", "concealed", "late"), rows);
    }

    // A refusal says why: "refused (codec aac)", "refused (class)".
    private static string Outcome(JsonElement node) =>
        BroadcastCommands.Text(node, "refusalReason") is { } why
            ? $"{T(node, "outcome")} ({why}{(BroadcastCommands.Text(node, "refusalCodec") is { } codec ? " " + codec : "")})"
            : T(node, "outcome");

    private static string T(JsonElement json, string name) => BroadcastCommands.Text(json, name) ?? "-";

    /// <summary>"Cụm loa Khối 1 (loa-khoi-1-a)": the name people know, the id for technicians.</summary>
    private static string Named(JsonElement json, string nameField, string idField) =>
        BroadcastCommands.Text(json, nameField) is { } n ? $"{n} ({T(json, idField)})" : T(json, idField);

    // "finished" in the API counts stopped speakers too; the line shows them apart.
    private static string Finished(JsonElement d) =>
        long.TryParse(T(d, "finished"), CultureInfo.InvariantCulture, out var f) && long.TryParse(T(d, "stopped"), CultureInfo.InvariantCulture, out var st)
            ? (f - st).ToString(CultureInfo.InvariantCulture) : T(d, "finished");

    private static string[] Headers(params string[] columns) => [.. columns.Select(c => CliText.T("cli2.bc.col." + c))];

    private static void Table(TextWriter output, IReadOnlyList<string> headers, List<IReadOnlyList<string>> rows)
    {
        var widths = headers.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        output.WriteLine(string.Join("  ", headers.Select((h, i) => h.PadRight(widths[i]))).TrimEnd());
        foreach (var row in rows)
        {
            output.WriteLine(string.Join("  ", row.Select((c, i) => c.PadRight(widths[i]))).TrimEnd());
        }
    }
}
