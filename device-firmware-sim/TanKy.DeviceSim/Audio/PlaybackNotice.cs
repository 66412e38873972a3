namespace TanKy.DeviceSim.Audio;

/// <summary>A playback moment for the node to publish and record; <paramref name="By"/> names the preempting stream.</summary>
internal sealed record PlaybackNotice(PlaybackNoticeKind Kind, PlaybackStats Stats, string? By = null);
