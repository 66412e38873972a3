namespace TanKy.Hub.Media.Speech;

/// <summary>
/// Text to speech. One interface so a better Vietnamese engine can replace espeak-ng later
/// without touching the callers.
/// </summary>
public interface ISpeechSynthesizer
{
    /// <summary>
    /// Speaks <paramref name="text"/> into a WAV file in memory. Throws <see cref="SpeechException"/>
    /// for refused text (with the reasons) or a failed engine run.
    /// </summary>
    Task<SpeechResult> SynthesizeAsync(string text, CancellationToken ct);
}
