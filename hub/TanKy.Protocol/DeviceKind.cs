namespace TanKy.Protocol;

/// <summary>The kinds of node protocol v1 knows. Wire names are lower-case with dashes.</summary>
public enum DeviceKind
{
    Speaker,
    WifiAp,
    Camera,
    LedBoard,
    Gateway,
}
