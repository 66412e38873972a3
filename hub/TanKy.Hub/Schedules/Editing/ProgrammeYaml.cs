using System.Globalization;
using System.Text;
using TanKy.Hub.Schedules.Parsing;
using TanKy.Hub.Shared.Text;

namespace TanKy.Hub.Schedules.Editing;

/// <summary>
/// Writes a <see cref="ProgrammeDraft"/> as one block-style item of <c>programmes:</c>, one key per
/// line, and remembers which form field each line holds so the validator's file:line:column
/// errors can be shown next to the field. Every value is a double-quoted YAML scalar, so form
/// text can never add keys or structure.
/// </summary>
internal sealed class ProgrammeYaml
{
    private readonly StringBuilder _text = new();
    private readonly List<string> _fields = [];
    private readonly string _indent;

    private ProgrammeYaml(int dashColumn) => _indent = new string(' ', dashColumn);

    /// <summary>The item's lines, each ending with a newline; the first starts with <c>- </c> at the indent.</summary>
    public string Text => _text.ToString();

    /// <summary>The form field on each line (0-based within <see cref="Text"/>).</summary>
    public IReadOnlyList<string> Fields => _fields;

    /// <summary>A whole file holding only this programme.</summary>
    public static (string Text, ProgrammeYaml Item, int FirstLine) File(ProgrammeDraft draft)
    {
        var item = Item(draft, 2);
        // The file is the commune's, read by whoever edits it next: the header is in Vietnamese.
        var header = "# " + HubText.Default.Get("sched2.file.header", "vi") + "\nprogrammes:\n";
        return (header + item.Text, item, 3);
    }

    /// <summary>One list item whose dash sits at 0-based column <paramref name="dashColumn"/>.</summary>
    public static ProgrammeYaml Item(ProgrammeDraft draft, int dashColumn)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var y = new ProgrammeYaml(dashColumn);
        y.Line("id", "- id: " + Quote(draft.Id));
        y.Line("title", "  title: " + Quote(draft.Title));
        y.Line("class", "  class: " + Quote(draft.Class));
        y.Line("zones", "  zones: " + (draft.AllZones ? "all" : List(draft.Zones)));
        y.Optional("volume", "  volume: ", draft.Volume);
        Content(y, draft);
        y.Line("times", "  recurrence:");
        var plan = RepeatChoice.Plan(draft).Plan ?? new RepeatPlan(draft.Days, draft.Every, ProgrammeDraft.Items(draft.Dates), null);
        var times = ProgrammeDraft.Items(draft.Times).Select(t => TimeText.TryParse(t, out var v) ? TimeText.Format(v) : t).ToList();
        if (plan.Cron is not null)
        {
            // Monthly rules: the times are inside the cron expression.
            y.Line("repeat", "    cron: " + Quote(plan.Cron));
        }
        else
        {
            // An empty list would pass as "no times"; an empty scalar is refused at this very line.
            y.Line("times", "    times: " + (times.Count > 0 ? List(times) : "\"\""));
            Days(y, plan);
            y.Optional("anchor", "    anchor: ", draft.Anchor);
        }

        y.Optional("from", "    from: ", draft.From);
        y.Optional("until", "    until: ", draft.Until);
        if (draft.SkipOn.Count > 0)
        {
            y.Line("skip_on", "  skip_on: " + List(draft.SkipOn));
        }

        y.Line("on_preempt", "  on_preempt: " + Quote(draft.OnPreempt));
        y.Optional("play_late_within", "  play_late_within: ", draft.PlayLateWithin);
        return y;
    }

    /// <summary>Clips (chimes, playlist) or a relay (source, minutes); the fallback clip either way.</summary>
    private static void Content(ProgrammeYaml y, ProgrammeDraft draft)
    {
        if (draft.IsRelay)
        {
            y.Line("relay", "  content:");
            y.Line("relay", "    relay: " + Quote(draft.Relay));
            // Minutes as typed: a number becomes "30m"; anything else is left for the validator to refuse at this line.
            var minutes = draft.RelayMinutes?.Trim() ?? "";
            y.Line("relay_minutes", "    duration: " + Quote(int.TryParse(minutes, NumberStyles.None, CultureInfo.InvariantCulture, out var m) ? $"{m}m" : minutes));
            y.Optional("fallback", "    fallback: ", draft.Fallback);
            return;
        }

        y.Line("playlist", "  content:");
        y.Optional("chime_before", "    chime_before: ", draft.ChimeBefore);
        y.Line("playlist", "    playlist: " + List(ProgrammeDraft.Items(draft.Playlist)));
        y.Optional("chime_after", "    chime_after: ", draft.ChimeAfter);
        y.Optional("fallback", "    fallback: ", draft.Fallback);
    }

    private static void Days(ProgrammeYaml y, RepeatPlan plan)
    {
        var every = !string.IsNullOrWhiteSpace(plan.Every);
        if (plan.Dates.Count > 0)
        {
            y.Line("dates", "    dates: " + List(plan.Dates));
        }

        // No day ticked means every day, except with dates or a count (the validator judges
        // a count of days together with days).
        if (plan.Days.Count > 0 || (plan.Dates.Count == 0 && !every))
        {
            y.Line("days", "    days: " + (plan.Days.Count == 0 ? "daily" : List(plan.Days)));
        }

        y.Optional("every", "    every: ", plan.Every);
    }

    /// <summary>A double-quoted YAML scalar: backslash, quote and control characters escaped.</summary>
    public static string Quote(string? value)
    {
        var s = new StringBuilder("\"");
        foreach (var c in value?.Trim() ?? "")
        {
            s.Append(c switch
            {
                '\\' => "\\\\",
                '"' => "\\\"",
                '\n' => "\\n",
                '\t' => "\\t",
                _ when char.IsControl(c) => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }

        return s.Append('"').ToString();
    }

    private static string List(IEnumerable<string> items) => "[" + string.Join(", ", items.Select(Quote)) + "]";

    private void Optional(string field, string prefix, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            Line(field, prefix + Quote(value));
        }
    }

    private void Line(string field, string text)
    {
        _text.Append(_indent).Append(text).Append('\n');
        _fields.Add(field);
    }
}
