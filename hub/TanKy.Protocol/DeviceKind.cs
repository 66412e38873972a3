using System.Text.Json.Serialization;

namespace TanKy.Protocol;

/// <summary>The kinds of node protocol v1 knows. Wire names are lower-case with dashes.</summary>
public enum DeviceKind
{
    [JsonStringEnumMemberName("speaker")]
    Speaker,

    [JsonStringEnumMemberName("wifi-ap")]
    WifiAp,

    [JsonStringEnumMemberName("camera")]
    Camera,

    [JsonStringEnumMemberName("led-board")]
    LedBoard,

    [JsonStringEnumMemberName("gateway")]
    Gateway,
}
