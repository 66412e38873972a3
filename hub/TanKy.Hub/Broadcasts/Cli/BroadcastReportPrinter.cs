using System.Text.Json;

namespace TanKy.Hub.Broadcasts.Cli;

/// <summary>Human output of <c>broadcast list</c> and <c>broadcast report</c>: Vietnamese first, aligned columns.</summary>
internal static class BroadcastReportPrinter
{
    public static void List(JsonElement list, TextWriter output)
    {
        var rows = list.EnumerateArray().Select(b => (IReadOnlyList<string>)
        [
            T(b, "id"), T(b, "class"), T(b, "status"), string.Join(',', b.GetProperty("zones").EnumerateArray().Select(z => z.GetString())),
            T(b, "requestedAt"), T(b, "operator"), T(b, "title"),
        ]).ToList();
        Table(output, ["ID", "LOẠI/CLASS", "TRẠNG THÁI/STATUS", "KHỐI-XÓM/ZONES", "YÊU CẦU/REQUESTED", "NGƯỜI PHÁT/OPERATOR", "TIÊU ĐỀ/TITLE"], rows);
    }

    public static void Report(JsonElement detail, TextWriter output)
    {
        var b = detail.GetProperty("broadcast");
        var d = detail.GetProperty("delivery");
        output.WriteLine($"Bản tin / broadcast {T(b, "id")} \"{T(b, "title")}\" ({T(b, "class")}) — {T(b, "status")}{(BroadcastCommands.Text(b, "endReason") is { } r ? ": " + r : "")}");
        output.WriteLine($"Phát trên / played on {T(d, "started")}/{T(d, "targeted")} loa/speakers; xong / finished {T(d, "finished")}; " +
            $"lỗi / failed {T(d, "failed")}; ngoại tuyến lúc bắt đầu / offline at start {T(d, "offlineAtStart")}; đang chờ / pending {T(d, "pending")}");
        output.WriteLine($"Sai lệch khởi phát / start error p50 {BroadcastCommands.Micros(d, "startErrorP50Us")}, max |{BroadcastCommands.Micros(d, "startErrorMaxAbsUs")}|; " +
            $"từ lệnh đến tiếng / trigger-to-first-sound p50 {BroadcastCommands.Micros(d, "triggerToSoundP50Us")}, max {BroadcastCommands.Micros(d, "triggerToSoundMaxUs")}");
        var rows = d.GetProperty("nodes").EnumerateArray().Select(n => (IReadOnlyList<string>)
        [
            T(n, "deviceId"), T(n, "zone"), Outcome(n), BroadcastCommands.Micros(n, "startErrorUs"), BroadcastCommands.Micros(n, "triggerToSoundUs"),
            T(n, "framesPlayed"), T(n, "framesConcealed"), T(n, "framesLate"),
        ]).ToList();
        Table(output, ["LOA/SPEAKER", "KHỐI-XÓM/ZONE", "KẾT QUẢ/OUTCOME", "SAI LỆCH/ERROR", "TỪ LỆNH/TO SOUND", "PHÁT/PLAYED", "CHE/CONCEALED", "TRỄ/LATE"], rows);
    }

    // A refusal says why: "refused (codec aac)", "refused (class)".
    private static string Outcome(JsonElement node) =>
        BroadcastCommands.Text(node, "refusalReason") is { } why
            ? $"{T(node, "outcome")} ({why}{(BroadcastCommands.Text(node, "refusalCodec") is { } codec ? " " + codec : "")})"
            : T(node, "outcome");

    private static string T(JsonElement json, string name) => BroadcastCommands.Text(json, name) ?? "-";

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
