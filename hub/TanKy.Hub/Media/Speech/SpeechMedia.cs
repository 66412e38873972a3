using TanKy.Hub.Shared.Text;
using Microsoft.Extensions.Logging;

namespace TanKy.Hub.Media.Speech;

/// <summary>
/// Text → speech → the normal media pipeline (validation, loudness normalisation, Opus,
/// archive-ready item). Speech is not a special case for the broadcast engine: it plays a clip.
/// </summary>
public sealed class SpeechMedia(ISpeechSynthesizer synthesizer, MediaLibrary library, ILogger<SpeechMedia> log)
{
    /// <summary>
    /// Speech for an emergency (engine, CAP): imported in the emergency lane, so it never waits
    /// for a normal upload. Speech made for the library passes <see cref="ImportLane.Normal"/>.
    /// </summary>
    public Task<SpeechMediaResult> CreateAsync(string text, string title, string requestedBy, CancellationToken ct) =>
        CreateAsync(text, title, requestedBy, ImportLane.Emergency, ct);

    public async Task<SpeechMediaResult> CreateAsync(string text, string title, string requestedBy, ImportLane lane, CancellationToken ct)
    {
        var speech = await synthesizer.SynthesizeAsync(text, ct);
        using var wav = new MemoryStream(speech.Wav, writable: false);
        var imported = await library.ImportSpeechAsync(wav, Title(title), requestedBy, lane, ct);
        if (!imported.Succeeded)
        {
            throw new SpeechException(new TextMessage("rules2.speech.library-refused", imported.Rejection.Code, imported.Rejection.Detail));
        }

        log.LogInformation("Speech for {By} stored as media {Id} ({DurationMs} ms)", requestedBy, imported.Item.Id, imported.Item.DurationMs);
        return new SpeechMediaResult(imported.Item, speech);
    }

    /// <summary>The library refuses long titles; a headline-derived title is cut rather than refused.</summary>
    private static string Title(string title)
    {
        var t = string.Join(' ', (title ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Select(w => new string(w.Where(c => !char.IsControl(c)).ToArray())));
        t = t.Length == 0 ? HubText.Default.Get("api2.title.speech", "vi") : t;
        return t.Length <= MediaText.MaxTitleLength ? t : t[..(MediaText.MaxTitleLength - 1)] + "…";
    }
}
