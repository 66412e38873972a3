namespace TanKy.Hub.Emergency.Cap;

/// <summary>The zones an alert's areas cover, and how each area was matched.</summary>
internal sealed record ZoneResolution(IReadOnlyList<string> Zones, IReadOnlyList<string> Sources);
