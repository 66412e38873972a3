using System.Text.Json.Serialization;

namespace TanKy.Hub.Emergency.Cap;

/// <summary>What the hub does with a CAP message. Wire names: broadcast, update, cancel, ignore, record-only.</summary>
internal enum CapAction
{
    /// <summary>Start a broadcast (msgType Alert, or an Update that references nothing).</summary>
    [JsonStringEnumMemberName("broadcast")]
    Broadcast,

    /// <summary>Start the new content and stop what the referenced messages started.</summary>
    [JsonStringEnumMemberName("update")]
    Update,

    /// <summary>Stop what the referenced messages started.</summary>
    [JsonStringEnumMemberName("cancel")]
    Cancel,

    /// <summary>Nothing to do (duplicate, Ack/Error, no matching zone, class below threshold).</summary>
    [JsonStringEnumMemberName("ignore")]
    Ignore,

    /// <summary>Kept in the log of alerts but never played (Test, Exercise, System, Draft, expired).</summary>
    [JsonStringEnumMemberName("record-only")]
    RecordOnly,
}
