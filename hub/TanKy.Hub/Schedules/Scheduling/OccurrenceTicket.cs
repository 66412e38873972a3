using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using TanKy.Hub.Schedules.Model;
using TanKy.Hub.Schedules.Planning;

namespace TanKy.Hub.Schedules.Scheduling;

/// <summary>
/// What a Quartz job carries (as a JSON string in its job data): the airing or the device action,
/// complete, plus a fingerprint of it so a reload can tell a changed occurrence from an unchanged one.
/// </summary>
internal sealed record OccurrenceTicket(string Group, string Key, DateTimeOffset Start, string Fingerprint, ScheduledAiring? Airing, ScheduledDeviceAction? Action)
{
    public const string ProgrammeGroup = "programme";
    public const string ActionGroup = "device-action";
    public const string DataKey = "ticket";

    private static readonly JsonSerializerOptions Json = new() { Converters = { new MemberNameEnumConverter() } };

    public static OccurrenceTicket For(Occurrence o)
    {
        var p = o.Programme;
        var airing = new ScheduledAiring(
            p.Id, p.Title, OccurrenceKeys.AiringId(p.Id, o.Start), o.Start, o.Zones, p.Class, p.Content.ChimeBefore, p.Content.Items, p.Content.ChimeAfter,
            p.Volume, p.OnPreempt, o.Duration, new MisfireInfo(TimeSpan.Zero, p.PlayLateWithin), p.Content.Relay, p.Content.Fallback);
        return new OccurrenceTicket(ProgrammeGroup, o.Key, o.Start, Hash(airing), airing, null);
    }

    public static OccurrenceTicket For(DeviceActionDefinition a, DateTimeOffset at, IReadOnlyList<string> knownZones)
    {
        var target = a.Target.AllZones ? a.Target with { Zones = knownZones, AllZones = false } : a.Target;
        var action = new ScheduledDeviceAction(a.Id, a.Title, at, target, a.Set, new MisfireInfo(TimeSpan.Zero, a.ApplyLateWithin));
        return new OccurrenceTicket(ActionGroup, OccurrenceKeys.For(a.Id, at), at, Hash(action), null, action);
    }

    public TimeSpan LateAllowed => Airing?.Misfire.PlayLateWithin ?? Action!.Misfire.PlayLateWithin;

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static OccurrenceTicket FromJson(string json) => JsonSerializer.Deserialize<OccurrenceTicket>(json, Json)
        ?? throw new JsonException("empty occurrence ticket");

    private static string Hash<T>(T value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(value, Json))))[..16];
}
