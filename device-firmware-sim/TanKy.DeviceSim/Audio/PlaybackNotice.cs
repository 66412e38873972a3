namespace TanKy.DeviceSim.Audio;

/// <summary>
/// A playback moment for the node to publish and record; <paramref name="By"/> names the preempting
/// stream. A refusal carries its <paramref name="Refusal"/> (<c>codec</c> or <c>class</c>) and, for a
/// codec, the <paramref name="Codec"/> refused.
/// </summary>
internal sealed record PlaybackNotice(PlaybackNoticeKind Kind, PlaybackStats Stats, string? By = null, string? Refusal = null, string? Codec = null);
