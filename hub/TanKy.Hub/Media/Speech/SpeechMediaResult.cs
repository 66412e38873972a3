namespace TanKy.Hub.Media.Speech;

/// <summary>A synthesised message stored in the media library.</summary>
public sealed record SpeechMediaResult(MediaItem Item, SpeechResult Speech);
