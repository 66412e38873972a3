using TanKy.Protocol;

namespace TanKy.Hub.Web.Console.DeviceForms;

/// <summary>How a desired key is entered on the devices page.</summary>
public enum FieldInput
{
    /// <summary>A whole number; empty removes the key (the device's default applies).</summary>
    Number,

    /// <summary>A tick: on/off.</summary>
    Switch,

    /// <summary>Opening hours as two times of day (<c>hours</c> of a Wi-Fi AP); both empty: always open.</summary>
    Hours,

    /// <summary>Hamlets to tick (a speaker's <c>zones</c>).</summary>
    Zones,

    /// <summary>The LED board's current message: text, style and how long; empty text removes it.</summary>
    LedMessage,
}

/// <summary>One desired key of a kind as a form field. <see cref="Default"/>: what the device does when the key is absent (protocol.md §4.9).</summary>
public sealed record DesiredField(string Key, FieldInput Input, bool Default = false, string? Unit = null)
{
    /// <summary>The text key of the field's label (devices2.tsv).</summary>
    public string Label => "devform." + Key;

    /// <summary>The form fields of each kind, in the order shown. Keys not listed (an LED board's schedule) stay with the bulk box.</summary>
    public static IReadOnlyList<DesiredField> Of(DeviceKind kind) => kind switch
    {
        DeviceKind.Speaker =>
        [
            new("volume", FieldInput.Number, Unit: "%"),
            new("mute", FieldInput.Switch),
            new("power", FieldInput.Switch, Default: true),
            new("zones", FieldInput.Zones),
        ],
        DeviceKind.WifiAp =>
        [
            new("ssid_broadcast", FieldInput.Switch, Default: true),
            new("hours", FieldInput.Hours),
            new("max_clients", FieldInput.Number),
            new("client_kbps", FieldInput.Number, Unit: "kbit/s"),
        ],
        DeviceKind.LedBoard =>
        [
            new("power", FieldInput.Switch, Default: true),
            new("brightness", FieldInput.Number, Unit: "%"),
            new("message", FieldInput.LedMessage),
        ],
        DeviceKind.Camera =>
        [
            new("power", FieldInput.Switch, Default: true),
            new("recording", FieldInput.Switch, Default: true),
        ],
        _ => [],
    };
}
