namespace TanKy.Hub.Reports.Broadcasting;

/// <summary>One speaker's row for one stream, as the delivery events left it (Unix ms).</summary>
internal sealed record PlayedStretch(
    string BroadcastId, string DeviceId, string Zone, long? StartedAt, long? FinishedAt, long? FramesPlayed, long? StreamEndedAt);
