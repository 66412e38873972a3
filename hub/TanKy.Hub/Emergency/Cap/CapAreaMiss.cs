namespace TanKy.Hub.Emergency.Cap;

/// <summary>
/// Why one CAP area reached no zone. <see cref="Code"/> names the rule (a text key
/// <c>cap.miss.CODE</c> in the console), <see cref="Detail"/> quotes the alert.
/// </summary>
/// <param name="Area">1-based position of the area in the info block.</param>
/// <param name="Code">
/// <c>other-place</c> (names a commune, district or province that is not ours), <c>unknown-hamlet</c>
/// (a hamlet this commune does not have), <c>unknown-name</c> (a name that is no place here),
/// <c>geocode</c> (codes with no rule), <c>shape</c> (polygon/circle around none of our devices),
/// <c>empty</c> (no description, code or shape).
/// </param>
public sealed record CapAreaMiss(int Area, string Code, string Detail)
{
    public override string ToString() => Code switch
    {
        "other-place" => $"area {Area}: '{Detail}' is outside this commune",
        "unknown-hamlet" => $"area {Area}: this commune has no hamlet '{Detail}'",
        "unknown-name" => $"area {Area}: '{Detail}' names no place of this commune",
        "geocode" => $"area {Area}: no geocode rule for {Detail}",
        "shape" => $"area {Area}: the {Detail} contains none of this commune's devices",
        _ => $"area {Area}: no description, geocode or shape",
    };
}
