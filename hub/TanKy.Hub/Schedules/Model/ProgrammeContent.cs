namespace TanKy.Hub.Schedules.Model;

/// <summary>What a programme plays: an optional chime, the clips in order, an optional closing chime.</summary>
public sealed record ProgrammeContent(string? ChimeBefore, IReadOnlyList<string> Items, string? ChimeAfter)
{
    /// <summary>Every media id in play order, chimes included.</summary>
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
}
