using System.Text.Json.Serialization;

namespace TanKy.Hub.Emergency;

/// <summary>What an audited attempt tried to do. Wire names: start, stop, cancel.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TriggerAction>))]
public enum TriggerAction
{
    /// <summary>Put an emergency or priority broadcast on the air.</summary>
    [JsonStringEnumMemberName("start")]
    Start,

    /// <summary>Stop a broadcast through <c>DELETE /api/v1/broadcasts/{id}</c>, or a CAP update replacing it.</summary>
    [JsonStringEnumMemberName("stop")]
    Stop,

    /// <summary>Cancel an emergency: <c>DELETE /api/v1/emergency/{id}</c> or a CAP <c>Cancel</c>.</summary>
    [JsonStringEnumMemberName("cancel")]
    Cancel,
}
