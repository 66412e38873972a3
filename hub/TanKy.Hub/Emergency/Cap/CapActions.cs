namespace TanKy.Hub.Emergency.Cap;

public static class CapActions
{
    public static string ToWire(this CapAction action) => action switch
    {
        CapAction.Broadcast => "broadcast",
        CapAction.Update => "update",
        CapAction.Cancel => "cancel",
        CapAction.Ignore => "ignore",
        CapAction.RecordOnly => "record-only",
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };
}
