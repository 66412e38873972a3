namespace TanKy.Hub.Availability.Model;

/// <summary>One row of <c>status_events</c> reduced to what the maths needs.</summary>
public readonly record struct StatusPoint(long Ts, bool Online);
