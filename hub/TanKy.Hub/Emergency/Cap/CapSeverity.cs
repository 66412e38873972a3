namespace TanKy.Hub.Emergency.Cap;

/// <summary>Intensity of impact (CAP 1.2 severity). Member names are the wire values.</summary>
public enum CapSeverity
{
    Extreme,
    Severe,
    Moderate,
    Minor,
    Unknown,
}
