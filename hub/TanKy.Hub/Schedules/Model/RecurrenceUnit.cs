namespace TanKy.Hub.Schedules.Model;

/// <summary>Unit of an <c>every: N days|weeks</c> recurrence.</summary>
public enum RecurrenceUnit
{
    None,
    Days,
    Weeks,
}
