namespace TanKy.Hub.Devices;

/// <summary>Device registry settings (section <c>Devices</c>).</summary>
internal sealed class DevicesOptions
{
    public const string Section = "Devices";

    /// <summary>
    /// How often the running hub looks for desired states another process wrote (the CLI's
    /// <c>devices add --zone</c> or <c>devices import</c>) and publishes them. Its own changes go out at once.
    /// </summary>
    public TimeSpan DesiredOutboxPoll { get; set; } = TimeSpan.FromSeconds(2);
}
