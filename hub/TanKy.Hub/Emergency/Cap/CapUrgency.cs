namespace TanKy.Hub.Emergency.Cap;

/// <summary>Time available to prepare (CAP 1.2 urgency). Member names are the wire values.</summary>
public enum CapUrgency
{
    Immediate,
    Expected,
    Future,
    Past,
    Unknown,
}
