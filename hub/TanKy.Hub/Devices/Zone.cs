namespace TanKy.Hub.Devices;

/// <summary>A hamlet with the number of devices placed in it.</summary>
public sealed record Zone(string Id, string Name, int DeviceCount);
