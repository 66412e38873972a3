using Microsoft.Extensions.Logging;
using TanKy.Hub.Media;
using TanKy.Hub.Schedules.Model;
using TanKy.Hub.Schedules.Planning;
using TanKy.Hub.Shared;
using TanKy.Hub.Shared.Text;

namespace TanKy.Hub.Schedules.Relays;

/// <summary>
/// Turns the recording names of a playlist into the clips they became: the latest recording of
/// that name that ended by the airtime. When that recording failed (or never ran), the airing
/// plays its <c>fallback</c> instead and an alert is raised; without a fallback the item is left out.
/// </summary>
internal sealed class RecordedClips(ProgrammeStore store, RecordingStore recordings, MediaLibrary library, ProgrammeAlerts alerts, TimeProvider time, ILogger<RecordedClips> log)
{
    /// <summary>What an item plays at <paramref name="airtime"/>: a media id, or null when it cannot play.</summary>
    public Resolution Resolve(string item, DateTimeOffset airtime)
    {
        if (MediaIds.IsValid(item))
        {
            return new Resolution(item, null);
        }

        if (store.Current?.RecordingNamed(item) is not { } definition || RecordingOccurrences.For(definition, airtime) is not { } occurrence)
        {
            return new Resolution(null, null);
        }

        var row = recordings.Get(item, occurrence.Start);
        return row is { State: RecordingStore.Done, MediaId: { } id } && library.Get(id) is not null
            ? new Resolution(id, null)
            : new Resolution(null, occurrence) { Pending = row?.State == RecordingStore.Recording || occurrence.End > time.GetUtcNow() };
    }

    /// <summary>The playlist with recordings resolved, for the pre-cache: an item not recorded yet stays as its name (nothing to cache yet).</summary>
    public IReadOnlyList<string> ForPrecache(ProgrammeContent content, DateTimeOffset airtime) =>
        content.Sequence().Select(m => Resolve(m, airtime) switch
        {
            { MediaId: { } id } => id,
            { Failed: not null, Pending: false } when content.Fallback is { } fallback => fallback,
            _ => m,
        }).ToList();

    /// <summary>The airing as it will play: recordings replaced by their clips, or by the fallback when they failed.</summary>
    public ScheduledAiring Resolve(ScheduledAiring airing)
    {
        if (airing.Media.All(MediaIds.IsValid))
        {
            return airing;
        }

        var media = new List<string>();
        foreach (var item in airing.Media)
        {
            var r = Resolve(item, airing.Start);
            if (r.MediaId is { } id)
            {
                media.Add(id);
                continue;
            }

            log.LogWarning("Airing {AiringId}: recording {Name} is not available; playing {Fallback}", airing.AiringId, item, airing.Fallback ?? "nothing in its place");
            if (r.Failed is { } occurrence)
            {
                // About the airing (subject: its programme, at its start), so the agenda shows it beside it.
                alerts.Raise(ProgrammeAlert.RecordingFailed, airing.ProgrammeId, occurrence.Definition.SourceId, airing.Start,
                    new TextMessage("relayprog.alert.recording-missing", item, CommuneTime.ToLocal(occurrence.Start).ToString("HH:mm dd/MM", System.Globalization.CultureInfo.InvariantCulture)));
            }

            if (airing.Fallback is { } fallback)
            {
                media.Add(fallback);
            }
        }

        return media.Count > 0 || airing.ChimeBefore is not null || airing.ChimeAfter is not null
            ? airing with { Media = media }
            : throw new RecordingMissingException(airing.Title);
    }

    /// <summary><see cref="MediaId"/> when it plays; otherwise <see cref="Failed"/> names the recording that should produce it, <see cref="Pending"/> while it may still.</summary>
    internal sealed record Resolution(string? MediaId, RecordingOccurrence? Failed)
    {
        public bool Pending { get; init; }
    }
}

/// <summary>An airing whose only content was a recording that failed, without a fallback.</summary>
internal sealed class RecordingMissingException(string title) : InvalidOperationException($"the recording of '{title}' is not available and it has no fallback"), ILocalizedError
{
    public TextMessage Text { get; } = new("relayprog.reason.no-recording", title);
}
