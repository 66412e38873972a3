using Microsoft.AspNetCore.Http;
using TanKy.Hub.Media;
using TanKy.Hub.Media.Speech;
using TanKy.Protocol;

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

    /// <summary>Null when the body is acceptable, else the reason (Vietnamese and English logs stay English).</summary>
    public static string? Check(EmergencyBody body, IFormFile? file)
    {
        if (body.Zones is not { Count: > 0 } || body.Zones.Any(string.IsNullOrWhiteSpace))
        {
            return "zones are required";
        }

        var sources = new[] { body.Media is not null, body.Text is not null, file is not null }.Count(x => x);
        if (sources != 1)
        {
            return "give exactly one of media, text or a recording (file)";
        }

        if (body.Repeat is < 1 or > MaxRepeat)
        {
            return $"repeat must be 1–{MaxRepeat}";
        }

        if (body.Interval is < 0 or > MaxIntervalSeconds || body.Interval is double.NaN)
        {
            return $"interval must be 0–{MaxIntervalSeconds} seconds";
        }

        return body.Class is null or "emergency" or "priority" ? null : $"bad class '{body.Class}' (emergency or priority)";
    }

    public static EmergencyRequest Draft(EmergencyBody body, string by, IReadOnlyList<string> media) => new(
        [.. (body.Zones ?? []).Distinct(StringComparer.Ordinal)],
        body.Class == "priority" ? BulletinClass.Priority : BulletinClass.Emergency,
        media,
        body.Text,
        body.Headline,
        body.Repeat ?? 1,
        TimeSpan.FromSeconds(body.Interval ?? 0),
        null,
        by,
        TriggerChannel.Api,
        null);

    public async Task<EmergencyRequest> ResolveAsync(EmergencyBody body, IFormFile? file, string by, CancellationToken ct)
    {
        var message = body.Media ?? (file is not null ? await ImportAsync(file, body, by, ct) : await SpeakAsync(body, by, ct));
        IReadOnlyList<string> media = body.Siren is { } siren ? [siren, message] : [message];
        return Draft(body, by, media);
    }

    private async Task<string> ImportAsync(IFormFile file, EmergencyBody body, string by, CancellationToken ct)
    {
        await using var content = file.OpenReadStream();
        var title = body.Headline ?? $"Ghi âm khẩn cấp {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC";
        var imported = await library.ImportAsync(content, file.FileName, title, by, ImportLane.Emergency, ct);
        return imported.Succeeded
            ? imported.Item.Id
            : throw new EmergencyContentException($"the recording was refused: {imported.Rejection.Code} ({imported.Rejection.Detail})");
    }

    private async Task<string> SpeakAsync(EmergencyBody body, string by, CancellationToken ct)
    {
        if (speech is null)
        {
            throw new EmergencyContentException("speech synthesis is not configured on this hub");
        }

        try
        {
            var spoken = await speech.CreateAsync(body.Text!, body.Headline ?? body.Text!, by, ct);
            return spoken.Item.Id;
        }
        catch (SpeechException ex)
        {
            throw new EmergencyContentException($"the text could not be spoken: {ex.Message} {string.Join("; ", ex.Problems)}".Trim(), ex);
        }
    }
}
