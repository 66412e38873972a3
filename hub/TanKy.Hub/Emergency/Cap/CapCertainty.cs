namespace TanKy.Hub.Emergency.Cap;

/// <summary>Confidence in the observation or prediction (CAP 1.2 certainty). Member names are the wire values.</summary>
public enum CapCertainty
{
    Observed,
    Likely,
    Possible,
    Unlikely,
    Unknown,
}
