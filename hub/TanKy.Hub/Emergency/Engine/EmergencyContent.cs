using Microsoft.AspNetCore.Http;
using TanKy.Hub.Media;
using TanKy.Hub.Media.Speech;
using TanKy.Protocol;
using TanKy.Hub.Shared.Text;

namespace TanKy.Hub.Emergency.Engine;

/// <summary>
/// Turns an <see cref="EmergencyBody"/> into an <see cref="EmergencyRequest"/>: a stored clip as
/// is, a fresh recording through <see cref="MediaLibrary.ImportAsync"/>, text through
/// <see cref="SpeechMedia"/>; the siren, when given, plays first.
/// </summary>
internal sealed class EmergencyContent(MediaLibrary library, SpeechMedia? speech = null)
{
    public const int MaxRepeat = 20;
    public const double MaxIntervalSeconds = 600;

    /// <summary>Null when the body is acceptable, else the reason as a stored text message (<see cref="TextMessage.Encode"/>), shown in the reader's language.</summary>
    public static string? Check(EmergencyBody body, IFormFile? file)
    {
        if (body.Zones is not { Count: > 0 } || body.Zones.Any(string.IsNullOrWhiteSpace))
        {
            return new TextMessage("emergency.invalid.zones").Encode();
        }

        var sources = new[] { body.Media is not null, body.Text is not null, file is not null }.Count(x => x);
        if (sources != 1)
        {
            return new TextMessage("emergency.invalid.one-source").Encode();
        }

        if (body.Repeat is < 1 or > MaxRepeat)
        {
            return new TextMessage("emergency.invalid.repeat", MaxRepeat).Encode();
        }

        if (body.Interval is < 0 or > MaxIntervalSeconds || body.Interval is double.NaN)
        {
            return new TextMessage("emergency.invalid.interval", MaxIntervalSeconds).Encode();
        }

        return body.Class is null or "emergency" or "priority" ? null : new TextMessage("emergency.invalid.class", body.Class).Encode();
    }

    /// <summary>
    /// The content as it was asked for, for the audit of a request refused before it was resolved:
    /// a stored text message (<c>api2.what.*</c>, the parts given joined in the key), shown in the
    /// reader's language.
    /// </summary>
    public static string Describe(EmergencyBody? body, IFormFile? file)
    {
        var given = new[] { body?.Siren, body?.Media }.Where(m => m is not null).ToList();
        var parts = new List<string>();
        // A class the hub knows is shown as its word (class.* keys); an unreadable one as it was sent.
        var wire = body?.Class ?? "emergency";
        var args = new List<object?> { wire is "emergency" or "priority" or "normal" ? "class." + wire : wire };
        if (given.Count > 0)
        {
            parts.Add("media");
            args.Add(string.Join('+', given));
        }

        if (file is not null)
        {
            parts.Add("recording");
            args.Add(file.FileName);
            args.Add(file.Length);
        }

        if ((body?.Headline ?? body?.Text) is { } text)
        {
            parts.Add("text");
            args.Add(text);
        }

        return new TextMessage("api2.what." + (parts.Count == 0 ? "none" : string.Join('-', parts)), [.. args]).Encode();
    }

    public static EmergencyRequest Draft(EmergencyBody body, string by, IReadOnlyList<string> media, TriggerChannel channel) => new(
        [.. (body.Zones ?? []).Distinct(StringComparer.Ordinal)],
        body.Class == "priority" ? BulletinClass.Priority : BulletinClass.Emergency,
        media,
        body.Text,
        body.Headline,
        body.Repeat ?? 1,
        TimeSpan.FromSeconds(body.Interval ?? 0),
        null,
        by,
        channel,
        null);

    public async Task<EmergencyRequest> ResolveAsync(EmergencyBody body, IFormFile? file, string by, TriggerChannel channel, CancellationToken ct)
    {
        var message = body.Media ?? (file is not null ? await ImportAsync(file, body, by, ct) : await SpeakAsync(body, by, ct));
        IReadOnlyList<string> media = body.Siren is { } siren ? [siren, message] : [message];
        return Draft(body, by, media, channel);
    }

    private async Task<string> ImportAsync(IFormFile file, EmergencyBody body, string by, CancellationToken ct)
    {
        await using var content = file.OpenReadStream();
        // Vietnam time, as every time shown to people; the title is stored in the commune's language.
        var title = body.Headline ?? HubText.Default.Format("api2.title.emergency-recording", "vi", Shared.CommuneTime.ToLocal(DateTimeOffset.UtcNow).ToString("dd/MM/yyyy HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        var imported = await library.ImportAsync(content, file.FileName, title, by, ImportLane.Emergency, ct);
        return imported.Succeeded
            ? imported.Item.Id
            : throw new EmergencyContentException(new TextMessage("emergency.invalid.recording", imported.Rejection.Key));
    }

    private async Task<string> SpeakAsync(EmergencyBody body, string by, CancellationToken ct)
    {
        if (speech is null)
        {
            throw new EmergencyContentException(new TextMessage("emergency.invalid.no-speech"));
        }

        try
        {
            var spoken = await speech.CreateAsync(body.Text!, body.Headline ?? body.Text!, by, ct);
            return spoken.Item.Id;
        }
        catch (SpeechException ex)
        {
            // The text's first problem as its own message (Vietnamese or English where it is read);
            // an engine failure has no problem and says so in its own keyed words.
            throw new EmergencyContentException(
                ex.Problems.Count > 0 && TextMessage.Decode(ex.Problems[0]) is { } problem ? problem : ex.Text, ex);
        }
    }
}
