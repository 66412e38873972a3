using TanKy.Hub.Shared.Text;
using Microsoft.Extensions.Logging;
using TanKy.Hub.Broadcasts;
using TanKy.Hub.Broadcasts.Sources;
using TanKy.Hub.Media.Speech;
using TanKy.Protocol;

namespace TanKy.Hub.Emergency.Engine;

/// <summary>
/// The real <see cref="IEmergencyTrigger"/>: turns an <see cref="EmergencyRequest"/> into one
/// broadcast (siren and message as a playlist, repeated with silence between) on the
/// <see cref="IBroadcastService"/>, whose zone arbiter makes the latest emergency win.
/// Text without clips is synthesised first; <c>Expires</c> caps the repetitions.
/// </summary>
internal sealed class BroadcastEmergencyTrigger(
    IBroadcastService broadcasts,
    IMediaPackets media,
    EmergencyHeadlines headlines,
    TimeProvider time,
    ILogger<BroadcastEmergencyTrigger> log,
    SpeechMedia? speech = null) : IEmergencyTrigger
{
    public const int MaxRepeat = 20;

    public async Task<string> TriggerAsync(EmergencyRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var playlist = await PlaylistAsync(request, ct);
        var repeat = RepeatsBeforeExpiry(request, playlist);
        var title = HeadlineOf(request);
        var broadcast = new BroadcastRequest(
            playlist[0], request.Class, request.Zones, request.RequestedBy, SourceOf(request.Channel),
            Playlist: playlist, Repeat: repeat, RepeatGap: request.RepeatInterval, Title: title);
        var ticket = await broadcasts.PlayAsync(broadcast, ct);
        if (title is { Length: > 0 } headline)
        {
            headlines.Remember(ticket.BroadcastId, request.Zones, headline, request.Class);
        }

        log.LogWarning("Emergency {Id} ({Class}) from {By} via {Channel}: {Clips} ×{Repeat} to {Zones}",
            ticket.BroadcastId, request.Class, request.RequestedBy, request.Channel, string.Join('+', playlist), repeat, string.Join(',', request.Zones));
        return ticket.BroadcastId;
    }

    public async Task CancelAsync(string broadcastId, string stoppedBy, CancellationToken ct)
    {
        var result = await broadcasts.StopAsync(broadcastId, stoppedBy, ct);
        log.LogWarning("Emergency {Id} stopped by {StoppedBy}: {Result}", broadcastId, stoppedBy, result);
    }

    private static string SourceOf(TriggerChannel channel) => channel switch
    {
        TriggerChannel.Button => "button",
        TriggerChannel.Cap => "alert",
        _ => "api",
    };

    private async Task<IReadOnlyList<string>> PlaylistAsync(EmergencyRequest request, CancellationToken ct)
    {
        if (request.MediaIds.Count > 0)
        {
            return request.MediaIds;
        }

        if (request.SpeechText is not { Length: > 0 } text)
        {
            throw new BroadcastRequestException(new TextMessage("api2.emergency.needs-content"));
        }

        if (speech is null)
        {
            throw new BroadcastRequestException(new TextMessage("emergency.invalid.no-speech"));
        }

        var spoken = await speech.CreateAsync(text, request.Headline ?? Cut(text, 60), request.RequestedBy, ct);
        return [spoken.Item.Id];
    }

    /// <summary>Repetitions that start before <c>Expires</c> (at least the first one, unless already expired).</summary>
    private int RepeatsBeforeExpiry(EmergencyRequest request, IReadOnlyList<string> playlist)
    {
        var repeat = Math.Clamp(request.Repeat, 1, MaxRepeat);
        if (request.Expires is not { } expires)
        {
            return repeat;
        }

        var now = time.GetUtcNow();
        if (expires <= now)
        {
            throw new BroadcastRequestException(new TextMessage("api2.emergency.expired", Shared.CommuneTime.ToLocal(expires).ToString("dd/MM/yyyy HH:mm", System.Globalization.CultureInfo.InvariantCulture)));
        }

        var frames = playlist.Sum(id => media.OpenPackets(id)?.Packets.Count ?? 0);
        var cycle = TimeSpan.FromMilliseconds(frames * 20) + request.RepeatInterval;
        if (cycle <= TimeSpan.Zero)
        {
            return repeat;
        }

        var fits = 1 + (int)Math.Floor((expires - now - TimeSpan.FromTicks(1)).Ticks / (double)cycle.Ticks);
        return Math.Clamp(fits, 1, repeat);
    }

    /// <summary>The LED headline and broadcast title: given, else the spoken text, else a generic warning for emergencies.</summary>
    internal static string? HeadlineOf(EmergencyRequest request) =>
        request.Headline is { Length: > 0 } h ? h
        : request.SpeechText is { Length: > 0 } t ? Cut(t, 100)
        : request.Class == BulletinClass.Emergency ? DefaultHeadline : null;

    /// <summary>Shown on the LED boards and stored as the title: the commune's language, from the text table.</summary>
    public static string DefaultHeadline => HubText.Default.Get("api2.title.emergency-headline", "vi");

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
