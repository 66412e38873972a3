using System.Text.Json;
using System.Text.Json.Nodes;
using TanKy.Protocol.Messages;

namespace TanKy.Hub.Conformance.Clauses;

/// <summary>The members of the playback events (§4.6) a clause reads; absent or mistyped = null.</summary>
internal sealed record Playback(long? IntendedUs, long? ActualUs, long? ErrorUs, long? Played, long? Concealed, long? Late, long? Fec, string? Reason)
{
    public static Playback Of(EventMessage e) => new(
        Long(e.Data, "intended_us"),
        Long(e.Data, "actual_us"),
        Long(e.Data, "error_us"),
        Long(e.Data, "played"),
        Long(e.Data, "concealed"),
        Long(e.Data, "late"),
        Long(e.Data, "fec"),
        e.Data?["reason"] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null);

    /// <summary>Frame slots accounted for: played + concealed + fec (each slot exactly one of them).</summary>
    public long? Slots => Played + Concealed + Fec;

    /// <summary>The event's own fields (protocol words, the same in every language), for a reason's argument.</summary>
    public string Counts => $"played={Played}, concealed={Concealed}, late={Late}, fec={Fec}, reason={Reason ?? "-"}";

    private static long? Long(JsonObject? data, string name) =>
        data?[name] is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<long>(out var x) ? x : null;
}
