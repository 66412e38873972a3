namespace TanKy.Hub.Devices.Control;

/// <summary>Device control settings (section <c>DeviceControl</c>).</summary>
public sealed class ControlOptions
{
    public const string Section = "DeviceControl";

    /// <summary>How long a command may take when the caller gives no timeout; also its <c>expires</c>.</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest timeout a caller may ask for.</summary>
    public TimeSpan MaxCommandTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Extra wait after <c>expires</c> for a reply already in flight before the hub calls it a timeout.</summary>
    public TimeSpan ReplyGrace { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often pending commands are checked for timeouts and scheduled actions for their time.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often the hub checks whether a camera's automatic snapshot is due (the interval itself is per camera, 5–1440 min).</summary>
    public TimeSpan SnapshotScheduleTick { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a bulk change waits for online devices to report the new version.</summary>
    public TimeSpan BulkApplyWait { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Largest camera snapshot accepted, in bytes.</summary>
    public long SnapshotMaxBytes { get; set; } = 2 * 1024 * 1024;

    /// <summary>
    /// Base URL devices upload snapshots to (e.g. <c>http://10.0.0.1:8080</c>). Empty: the
    /// hub's first listening address, which is right when devices reach the hub directly.
    /// </summary>
    public string SnapshotUploadBaseUrl { get; set; } = "";
}
