namespace TanKy.Hub.Reports;

/// <summary>Vietnamese names of device kinds for the report.</summary>
internal static class DeviceLabels
{
    public static string Kind(string wire) => wire switch
    {
        "speaker" => "Cụm loa",
        "wifi-ap" => "Wi-Fi công cộng",
        "camera" => "Camera",
        "led-board" => "Bảng LED",
        "gateway" => "Bộ điều khiển",
        _ => wire,
    };
}
