using TanKy.Hub.Shared.Text;
using TanKy.Protocol;

namespace TanKy.Hub.Devices.Control.Validation;

/// <summary>
/// How a refusal names a desired-state field or a device kind: as a text key when there is one, so
/// a Vietnamese reason says "âm lượng" and "điểm phát Wi-Fi" rather than the wire words "volume"
/// and "wifi-ap" (issue #17). The English texts of these keys are the wire words themselves: the
/// English reasons are read by technicians who type those words into the API, the CLI or a file.
/// </summary>
internal static class FieldWords
{
    /// <summary>The key of a field's word (<c>rules2.name.volume</c>), or the name as given (nested paths, command arguments).</summary>
    public static string Field(string name) => Known("rules2.name." + name) ?? name;

    /// <summary>The key of a kind's word (<c>rules2.kind.wifi-ap</c>), or the wire name.</summary>
    public static string Kind(DeviceKind kind) => Known("rules2.kind." + kind.ToWire()) ?? kind.ToWire();

    private static string? Known(string key) => HubText.Default.AreaOf.ContainsKey(key) ? key : null;
}
