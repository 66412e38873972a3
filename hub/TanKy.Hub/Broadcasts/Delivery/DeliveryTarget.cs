namespace TanKy.Hub.Broadcasts.Delivery;

/// <summary>A speaker a stream targets, as the registry and the live status table saw it when the stream started.</summary>
internal sealed record DeliveryTarget(string DeviceId, string Zone, bool OnlineAtStart);
