namespace TanKy.Hub.Devices;

/// <summary>A registry request that cannot be carried out; the message is meant for the user.</summary>
public sealed class RegistryException(string message) : InvalidOperationException(message);
