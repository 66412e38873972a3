namespace TanKy.Hub.Schedules.Planning;

/// <summary>A stretch of actual play: wall-clock start and end, and the position in the content it starts from.</summary>
public sealed record AgendaSegment(DateTimeOffset Start, DateTimeOffset End, TimeSpan FromOffset);
