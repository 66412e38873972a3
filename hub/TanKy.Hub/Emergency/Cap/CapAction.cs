namespace TanKy.Hub.Emergency.Cap;

/// <summary>What the hub does with a CAP message. Wire names: broadcast, update, cancel, ignore, record-only.</summary>
public enum CapAction
{
    /// <summary>Start a broadcast (msgType Alert, or an Update that references nothing).</summary>
    Broadcast,

    /// <summary>Start the new content and stop what the referenced messages started.</summary>
    Update,

    /// <summary>Stop what the referenced messages started.</summary>
    Cancel,

    /// <summary>Nothing to do (duplicate, Ack/Error, no matching zone, class below threshold).</summary>
    Ignore,

    /// <summary>Kept in the log of alerts but never played (Test, Exercise, System, Draft, expired).</summary>
    RecordOnly,
}
