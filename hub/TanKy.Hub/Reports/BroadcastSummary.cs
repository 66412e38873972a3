namespace TanKy.Hub.Reports;

/// <summary>The broadcasting section. <see cref="Available"/> is false until the broadcast history exists.</summary>
internal sealed record BroadcastSummary(
    bool Available,
    string Note,
    int? ProgrammesPlanned,
    int? ProgrammesAired,
    IReadOnlyList<ZoneAirtime> AirtimeByZone,
    IReadOnlyList<EmergencyDelivery> Emergencies)
{
    public static BroadcastSummary NoData { get; } = new(false, "chưa có dữ liệu / no data yet", null, null, [], []);
}

/// <summary>Hours on air in one hamlet.</summary>
internal sealed record ZoneAirtime(string Zone, string Name, double HoursOnAir);

/// <summary>One emergency broadcast and the share of targeted speakers that played it.</summary>
internal sealed record EmergencyDelivery(DateTimeOffset At, string Title, int Targeted, int Played, double DeliveryPct);
