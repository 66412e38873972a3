namespace TanKy.Hub.Schedules.Editing;

/// <summary>
/// Where one block-style <c>- id: …</c> item of a hand-written file begins and ends, so the console
/// can replace or remove that item and leave the rest of the file — other programmes, calendars,
/// comments — exactly as written.
/// </summary>
internal sealed record ProgrammeFileSpan(IReadOnlyList<string> Lines, int Start, int End, int DashColumn)
{
    /// <summary>
    /// The item whose mapping starts at 1-based <paramref name="line"/>/<paramref name="column"/>
    /// (a programme's source location), or null when it is not written as <c>- key: …</c> on its line.
    /// </summary>
    public static ProgrammeFileSpan? Locate(string text, int line, int column)
    {
        var lines = SplitLines(text);
        var i = line - 1;
        if (i < 0 || i >= lines.Count || column < 3 || column - 1 > lines[i].Length)
        {
            return null;
        }

        var prefix = lines[i][..(column - 1)];
        var dash = prefix.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0 || prefix[..dash].Trim().Length > 0 || prefix[(dash + 1)..].Trim().Length > 0)
        {
            return null;
        }

        // The item goes on while lines are indented past its dash; trailing blank lines and
        // comments belong to whatever follows.
        var end = i + 1;
        for (var j = i + 1; j < lines.Count; j++)
        {
            var content = lines[j].TrimStart(' ');
            if (content.TrimEnd('\r', '\n').Length == 0 || content.StartsWith('#'))
            {
                continue;
            }

            if (lines[j].Length - content.Length <= dash)
            {
                break;
            }

            end = j + 1;
        }

        return new ProgrammeFileSpan(lines, i, end, dash);
    }

    /// <summary>The file with the item's lines replaced by <paramref name="replacement"/> (whole lines, newline-terminated).</summary>
    public string Replace(string replacement) =>
        string.Concat(Lines.Take(Start)) + replacement + string.Concat(Lines.Skip(End));

    /// <summary>The file without the item.</summary>
    public string Remove() => Replace("");

    /// <summary>Lines with their terminators, so joining them gives the text back byte for byte.</summary>
    private static List<string> SplitLines(string text)
    {
        var lines = new List<string>();
        var start = 0;
        while (start < text.Length)
        {
            var nl = text.IndexOf('\n', start);
            var stop = nl < 0 ? text.Length : nl + 1;
            lines.Add(text[start..stop]);
            start = stop;
        }

        if (lines.Count > 0 && !lines[^1].EndsWith('\n'))
        {
            lines[^1] += "\n";
        }

        return lines;
    }
}
