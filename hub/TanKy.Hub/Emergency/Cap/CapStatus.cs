namespace TanKy.Hub.Emergency.Cap;

/// <summary>Status of the alert (CAP 1.2 §3.2.1 status). Only Actual is acted on. Member names are the wire values.</summary>
internal enum CapStatus
{
    Actual,
    Exercise,
    System,
    Test,
    Draft,
}
