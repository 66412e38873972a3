namespace TanKy.Hub.Devices.Control.Validation;

/// <summary>
/// What a field rule may need to know beyond the value: whether a zone exists in the zone
/// registry. Null (<see cref="None"/>): zone ids are checked for form only, e.g. in a schedule
/// file validated before any device is chosen; the change is checked again when it runs.
/// </summary>
public sealed record FieldContext(Func<string, bool>? ZoneExists)
{
    public static FieldContext None { get; } = new((Func<string, bool>?)null);
}
