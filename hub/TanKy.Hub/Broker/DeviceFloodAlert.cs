namespace TanKy.Hub.Broker;

/// <summary>A device whose messages are being dropped for flooding: since when, the last drop, and how many so far.</summary>
public sealed record DeviceFloodAlert(string DeviceId, DateTimeOffset Since, DateTimeOffset LastDrop, long Dropped);
