namespace TanKy.Hub.Schedules.Model;

/// <summary>
/// What a programme plays: an optional chime, the clips in order, an optional closing chime; or a
/// relay of a live source (<see cref="Relay"/>, then there are no clips). An item of
/// <see cref="Items"/> is a media id or the name of a recording (<see cref="RecordingDefinition.Name"/>),
/// resolved at airtime. <see cref="Fallback"/> is the clip aired when the source stays down or the
/// recording failed.
/// </summary>
public sealed record ProgrammeContent(string? ChimeBefore, IReadOnlyList<string> Items, string? ChimeAfter)
{
    /// <summary>The relayed source and how long, or null for clips.</summary>
    public ProgrammeRelay? Relay { get; init; }

    /// <summary>A media id aired instead of a relay whose source stays down, or of a recording that failed.</summary>
    public string? Fallback { get; init; }

    /// <summary>Every media id (or recording name) in play order, chimes included; empty for a relay.</summary>
    public IReadOnlyList<string> Sequence()
    {
        var all = new List<string>(Items.Count + 2);
        if (ChimeBefore is not null)
        {
            all.Add(ChimeBefore);
        }

        all.AddRange(Items);
        if (ChimeAfter is not null)
        {
            all.Add(ChimeAfter);
        }

        return all;
    }

    /// <summary>Everything the library must hold or a recording must produce: the sequence and the fallback.</summary>
    public IEnumerable<string> References() => Fallback is null ? Sequence() : Sequence().Append(Fallback);
}
