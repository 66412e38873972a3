namespace TanKy.Hub.Availability.Model;

/// <summary>
/// One outage: a span during which the device was offline, clipped to the report period and
/// to the device's installation. <see cref="CountedMs"/> is the part that counts against
/// availability (planned maintenance and hub downtime inside the span are left out).
/// </summary>
public sealed record Incident(
    string DeviceId,
    long StartMs,
    long EndMs,
    long CountedMs,
    bool StartedBeforePeriod,
    bool OngoingAtPeriodEnd);
