namespace TanKy.Hub.Emergency.Cap;

/// <summary>The zones an alert's areas cover, how each area was matched, and why the others matched nothing.</summary>
internal sealed record ZoneResolution(IReadOnlyList<string> Zones, IReadOnlyList<string> Sources, IReadOnlyList<CapAreaMiss> Misses);
