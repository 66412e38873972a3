using System.Globalization;
using TanKy.Hub.Schedules.Model;
using TanKy.Hub.Schedules.Parsing;
using TanKy.Protocol;

namespace TanKy.Hub.Schedules.Editing;

/// <summary>
/// A programme as the console's form holds it: raw text per field, not yet validated. It becomes
/// YAML (<see cref="ProgrammeYaml"/>) and the schedule validator judges it like any file, so the
/// form cannot accept anything a file would not. List fields are comma-separated.
/// </summary>
public sealed class ProgrammeDraft
{
    public static readonly string[] DayWords = ["t2", "t3", "t4", "t5", "t6", "t7", "cn"];

    public string Id { get; set; } = "";

    public string Title { get; set; } = "";

    /// <summary><c>normal</c> or <c>priority</c>.</summary>
    public string Class { get; set; } = "normal";

    public bool AllZones { get; set; }

    public List<string> Zones { get; set; } = [];

    public string? Volume { get; set; }

    public string? ChimeBefore { get; set; }

    /// <summary>The clips in order, as picked by title in the form (the form posts one media id per row).</summary>
    public List<string> PlaylistItems { get; set; } = [];

    /// <summary><see cref="PlaylistItems"/> as one comma-separated field (files, tests, older forms).</summary>
    public string Playlist
    {
        get => string.Join(", ", PlaylistItems.Where(i => !string.IsNullOrWhiteSpace(i)));
        set => PlaylistItems = Items(value);
    }

    public string? ChimeAfter { get; set; }

    /// <summary>A registered source to relay instead of clips (tiếp sóng); empty: the programme plays clips.</summary>
    public string? Relay { get; set; }

    /// <summary>The relay's slot in whole minutes.</summary>
    public string? RelayMinutes { get; set; }

    /// <summary>The clip aired while the relayed source stays down (or instead of a failed recording).</summary>
    public string? Fallback { get; set; }

    /// <summary>True when the draft relays a source.</summary>
    public bool IsRelay => !string.IsNullOrWhiteSpace(Relay);

    /// <summary>Airing times, e.g. <c>06:00, 17:30</c> or <c>7h30</c>.</summary>
    public string Times { get; set; } = "";

    /// <summary>
    /// The repeat choice of the form (<see cref="RepeatChoice"/>): daily, weekdays, weekend, days,
    /// monthday, lastday, lastweekday, everydays, everyweeks, dates. Empty: read from the
    /// low-level fields below as before (drafts made in code).
    /// </summary>
    public string Repeat { get; set; } = "";

    /// <summary>Day of the month 1–31 for "ngày N hằng tháng".</summary>
    public string? MonthDay { get; set; }

    /// <summary>One of <see cref="DayWords"/> for "thứ N cuối tháng".</summary>
    public string? Weekday { get; set; }

    /// <summary>N of "N ngày/tuần một lần".</summary>
    public string? EveryCount { get; set; }

    /// <summary>Checked days among <see cref="DayWords"/>; none (and no dates) means every day.</summary>
    public List<string> Days { get; set; } = [];

    /// <summary><c>2 days</c> or <c>2 weeks</c>, counted from <see cref="Anchor"/>; empty for a weekly rule.</summary>
    public string? Every { get; set; }

    /// <summary>The first day of an <see cref="Every"/> count (default: <see cref="From"/>).</summary>
    public string? Anchor { get; set; }

    /// <summary>Specific dates <c>yyyy-MM-dd</c>, instead of days.</summary>
    public string? Dates { get; set; }

    public string? From { get; set; }

    public string? Until { get; set; }

    public List<string> SkipOn { get; set; } = [];

    /// <summary><c>resume</c>, <c>restart</c> or <c>skip</c>.</summary>
    public string OnPreempt { get; set; } = "resume";

    public string? PlayLateWithin { get; set; }

    /// <summary>Splits a comma- (or space-) separated field into trimmed, non-empty items.</summary>
    public static List<string> Items(string? text) =>
        (text ?? "").Split([',', ';', ' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    /// <summary>The form pre-filled from a loaded programme, for editing. A cron rule the form cannot say gives null.</summary>
    public static ProgrammeDraft? Of(Programme p)
    {
        var r = p.Recurrence;
        CronRule? cron = null;
        // Recordings are named in files only: the form's pickers list the library's clips.
        if (p.Content.Items.Any(i => !TanKy.Hub.Media.MediaIds.IsValid(i)))
        {
            return null;
        }

        if (r.Cron is not null && !CronRule.TryRead(r.Cron, out cron))
        {
            return null;
        }

        // Every N days has no day rule; every N weeks keeps its days (written even when the
        // file relied on the anchor's weekday, which is the same set).
        var days = r.Dates.Count > 0 || r.Unit == RecurrenceUnit.Days || (r.Days.Count == 7 && r.Unit == RecurrenceUnit.None) ? []
            : DayWords.Where(w => DayNames.Parse(w) is [var d] && r.Days.Contains(d)).ToList();
        var draft = new ProgrammeDraft
        {
            Id = p.Id,
            Title = p.Title,
            Class = p.Class.ToWire(),
            AllZones = p.AllZones,
            Zones = [.. p.Zones],
            Volume = p.Volume?.ToString(CultureInfo.InvariantCulture),
            ChimeBefore = p.Content.ChimeBefore,
            Playlist = string.Join(", ", p.Content.Items),
            ChimeAfter = p.Content.ChimeAfter,
            Relay = p.Content.Relay?.SourceId,
            RelayMinutes = p.Content.Relay is { } relay ? ((int)relay.Duration.TotalMinutes).ToString(CultureInfo.InvariantCulture) : null,
            Fallback = p.Content.Fallback,
            Times = string.Join(", ", r.Times.Select(t => t.ToString("HH:mm", CultureInfo.InvariantCulture))),
            Days = days,
            Every = r.Every > 0 ? $"{r.Every} {(r.Unit == RecurrenceUnit.Weeks ? "weeks" : "days")}" : null,
            Anchor = r.Every > 0 && r.Anchor is { } a && a != r.From ? Date(a) : null,
            Dates = r.Dates.Count > 0 ? string.Join(", ", r.Dates.Select(Date)) : null,
            From = r.From is { } f ? Date(f) : null,
            Until = r.Until is { } u ? Date(u) : null,
            SkipOn = [.. p.SkipOn],
            OnPreempt = p.OnPreempt.ToString().ToLowerInvariant(),
            PlayLateWithin = DurationText.Format(p.PlayLateWithin),
        };
        RepeatChoice.Fill(draft, r, cron);
        return draft;
    }

    private static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
