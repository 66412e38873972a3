using TanKy.Hub.Reports.Text;

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
    public static BroadcastSummary NoData { get; } = new(false, ReportText.Get("rpt.bc.nodata-note"), null, null, [], []);
}

/// <summary>
/// Time on air in one hamlet, in seconds: the union of the stretches its own speakers reported
/// playing (<c>Broadcasts.Delivery.PlaybackHeard</c>). A hamlet with no airtime has 0, not no row.
/// </summary>
internal sealed record ZoneAirtime(string Zone, string Name, double SecondsOnAir);

/// <summary>
/// One emergency broadcast and the share of targeted speakers that played it, by the same rule as
/// the broadcast's delivery report; <see cref="SecondsOnAir"/> is the longest any of them played.
/// </summary>
internal sealed record EmergencyDelivery(
    DateTimeOffset At, string Title, string ZoneNames, int Targeted, int Played, double DeliveryPct, double SecondsOnAir);
