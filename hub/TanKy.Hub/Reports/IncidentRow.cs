namespace TanKy.Hub.Reports;

/// <summary>
/// An incident as reported. <c>DurationMin</c> is the counted outage (end − start without the
/// planned maintenance and hub downtime inside it); the flags mark outages cut by the period's edges.
/// </summary>
internal sealed record IncidentRow(
    string DeviceId,
    string Name,
    string Kind,
    string Hamlet,
    string HamletNames,
    DateTimeOffset Start,
    DateTimeOffset End,
    double DurationMin,
    bool StartedBeforePeriod,
    bool OngoingAtPeriodEnd);
