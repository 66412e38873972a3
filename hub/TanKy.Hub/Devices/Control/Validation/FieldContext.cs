namespace TanKy.Hub.Devices.Control.Validation;

/// <summary>What a field rule may need to know about the device: the zones the registry gives it.</summary>
public sealed record FieldContext(IReadOnlyList<string> RegistryZones)
{
    public static FieldContext None { get; } = new([]);
}
