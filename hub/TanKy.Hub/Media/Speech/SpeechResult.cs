namespace TanKy.Hub.Media.Speech;

/// <summary>A synthesised utterance: a complete RIFF/WAVE file, its length, and the exact text and voice used.</summary>
public sealed record SpeechResult(byte[] Wav, TimeSpan Duration, string Text, string Voice);
