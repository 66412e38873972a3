using System.Globalization;
using TanKy.Hub.Shared;

namespace TanKy.Hub.Reports;

/// <summary>Escaping and number formatting shared by the HTML report and its SVG charts.</summary>
internal static class Html
{
    public static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    /// <summary>Escapes text for XHTML (also valid HTML5): the report must parse as XML.</summary>
    public static string E(string? text) => (text ?? "")
        .Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal)
        .Replace("\"", "&quot;", StringComparison.Ordinal);

    /// <summary>A number as people read it in Vietnam (decimal comma), or "–" for none.</summary>
    public static string N(double? value, string format = "0.##") => value?.ToString(format, Vietnamese) ?? "–";

    public static string N(int value) => value.ToString("#,0", Vietnamese);

    /// <summary>A coordinate or attribute value: always a dot decimal.</summary>
    public static string F(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    public static string Local(DateTimeOffset t) =>
        TimeZoneInfo.ConvertTime(t, CommuneTime.Zone).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);

    /// <summary>A table cell carrying both the Vietnamese text and the machine value (the JSON's) in <c>data-v</c>.</summary>
    public static string Cell(string column, double? value, string format = "0.##") =>
        $"<td class=\"num\" data-col=\"{column}\" data-v=\"{CsvReportWriter.Num(value)}\">{N(value, format)}</td>";

    public static string Cell(string column, int value) =>
        $"<td class=\"num\" data-col=\"{column}\" data-v=\"{value.ToString(CultureInfo.InvariantCulture)}\">{N(value)}</td>";
}
