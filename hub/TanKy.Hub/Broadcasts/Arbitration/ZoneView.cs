namespace TanKy.Hub.Broadcasts.Arbitration;

/// <summary>What a zone plays now and what waits for it, in the order it would air.</summary>
public sealed record ZoneView(string Zone, string? Playing, IReadOnlyList<string> Waiting);
