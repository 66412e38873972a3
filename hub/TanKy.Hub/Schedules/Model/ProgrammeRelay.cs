namespace TanKy.Hub.Schedules.Model;

/// <summary>A programme that relays (tiếp sóng) a registered source for <see cref="Duration"/>.</summary>
public sealed record ProgrammeRelay(string SourceId, TimeSpan Duration);
