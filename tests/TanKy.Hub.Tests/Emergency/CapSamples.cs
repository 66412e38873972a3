using System.Globalization;
using System.Text;

namespace TanKy.Hub.Tests.Emergency;

/// <summary>
/// Realistic CAP 1.2 messages written for these tests (Vietnamese text). The clock of
/// TempDataDir is 2026-11-28 06:00 +07:00; these alerts are sent just before it, so code under test
/// must read that clock. A test whose hub runs on another clock builds the times from it instead
/// (<see cref="Time"/>, the <c>sent</c> and <c>expires</c> parameters).
/// </summary>
internal static class CapSamples
{
    public const string Sender = "canhbao@kttv-bactrungbo.gov.vn";

    /// <summary>When the samples are sent: five minutes before TempDataDir's clock.</summary>
    public const string Sent = "2026-11-28T05:55:00+07:00";

    /// <summary>A CAP dateTime (whole seconds, Vietnam offset; CAP 1.2 forbids "Z") for <paramref name="at"/>.</summary>
    public static string Time(DateTimeOffset at) =>
        at.ToOffset(TimeSpan.FromHours(7)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>Typhoon No. 3 for the whole of Nghệ An, by geocode only (the areaDesc matches no hamlet name).</summary>
    public static string Typhoon(string id = "KTTV-BTB-2026-0315", string status = "Actual", string expires = "2026-11-29T18:00:00+07:00", string sent = Sent) => Alert(id, status, "Alert", null, $"""
        <info>
          <language>vi-VN</language>
          <category>Met</category>
          <event>Bão số 3</event>
          <responseType>Evacuate</responseType>
          <urgency>Expected</urgency>
          <severity>Extreme</severity>
          <certainty>Likely</certainty>
          <expires>{expires}</expires>
          <senderName>Đài Khí tượng Thủy văn khu vực Bắc Trung Bộ</senderName>
          <headline>Bão số 3 đổ bộ vào Nghệ An, đề nghị bà con sơ tán khẩn cấp</headline>
          <description>Hồi 04 giờ, vị trí tâm bão ở khoảng 18,9 độ Vĩ Bắc; 106,4 độ Kinh Đông. Sức gió mạnh nhất cấp 12, giật cấp 14.</description>
          <instruction>Bà con vùng trũng thấp di chuyển đến nhà văn hoá khối, chằng chống nhà cửa, không ra đồng.</instruction>
          <area>
            <areaDesc>Tỉnh Nghệ An</areaDesc>
            <geocode><valueName>ISO3166-2</valueName><value>VN-22</value></geocode>
          </area>
        </info>
        <info>
          <language>en-US</language>
          <category>Met</category>
          <event>Typhoon No. 3</event>
          <urgency>Expected</urgency>
          <severity>Extreme</severity>
          <certainty>Likely</certainty>
          <expires>{expires}</expires>
          <headline>Typhoon No. 3 makes landfall in Nghe An; evacuate now</headline>
          <area>
            <areaDesc>Nghe An province</areaDesc>
            <geocode><valueName>ISO3166-2</valueName><value>VN-22</value></geocode>
          </area>
        </info>
        """, sent);

    /// <summary>Flash flood on the Con river: a polygon around the speakers of Xóm 3 – Liên Sơn and Xóm 4 – Hoà Bình only.</summary>
    public static string Flood(string id = "PCTT-TK-2026-041", string msgType = "Alert", string? references = null, string headline = "Lũ quét trên sông Con, nước dâng nhanh tại Xóm 3 và Xóm 4") => Alert(id, "Actual", msgType, references, $"""
        <info>
          <language>vi-VN</language>
          <category>Met</category>
          <category>Safety</category>
          <event>Lũ quét</event>
          <urgency>Immediate</urgency>
          <severity>Severe</severity>
          <certainty>Observed</certainty>
          <expires>2026-11-28T18:00:00+07:00</expires>
          <headline>{headline}</headline>
          <instruction>Bà con ven sông di chuyển ngay lên chỗ cao, không qua ngầm tràn.</instruction>
          <area>
            <areaDesc>Ven sông Con, Xóm 3 và Xóm 4</areaDesc>
            <polygon>19.0180,105.2860 19.0450,105.2860 19.0460,105.2920 19.0450,105.2970 19.0180,105.2970 19.0180,105.2860</polygon>
          </area>
        </info>
        """);

    public static string FloodUpdate(string id = "PCTT-TK-2026-042") =>
        Flood(id, "Update", $"{Sender},PCTT-TK-2026-041,{Sent}", "Lũ quét lan rộng: nước sông Con tiếp tục dâng tại Xóm 3 và Xóm 4");

    public static string Cancel(string id, params string[] referencedIds) => CancelSentAt(Sent, id, referencedIds);

    /// <summary>A cancel sent at <paramref name="sent"/> of alerts that were sent at that same time.</summary>
    public static string CancelSentAt(string sent, string id, params string[] referencedIds) => Alert(id, "Actual", "Cancel", string.Join(' ', referencedIds.Select(r => $"{Sender},{r},{sent}")), """
        <info>
          <language>vi-VN</language>
          <category>Met</category>
          <event>Lũ quét</event>
          <urgency>Past</urgency>
          <severity>Minor</severity>
          <certainty>Observed</certainty>
          <headline>Nước đã rút, kết thúc cảnh báo lũ quét</headline>
        </info>
        """, sent);

    /// <summary>A complete alert envelope around <paramref name="infos"/>.</summary>
    public static string Alert(string id, string status, string msgType, string? references, string infos, string sent = Sent) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
          <identifier>{id}</identifier>
          <sender>{Sender}</sender>
          <sent>{sent}</sent>
          <status>{status}</status>
          <msgType>{msgType}</msgType>
          <scope>Public</scope>
          {(references is null ? "" : $"<references>{references}</references>")}
          {infos}
        </alert>
        """;

    public static byte[] Bytes(string xml) => Encoding.UTF8.GetBytes(xml);

    /// <summary>The same message with another <c>sender</c> element (its references are left as they are).</summary>
    public static string AsSender(string xml, string sender) => xml.Replace($"<sender>{Sender}</sender>", $"<sender>{sender}</sender>", StringComparison.Ordinal);
}
