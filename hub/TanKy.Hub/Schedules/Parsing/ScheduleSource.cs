using TanKy.Hub.Shared.Files;

namespace TanKy.Hub.Schedules.Parsing;

/// <summary>One schedule file's text, with the name errors should print (the path as given).</summary>
public sealed record ScheduleSource(string Name, string Text)
{
    /// <summary>Why the file was not read (over the size cap); its <see cref="Text"/> is then empty.</summary>
    public InputFileException? Refusal { get; init; }

    /// <summary>
    /// Every <c>*.yaml</c>/<c>*.yml</c> file of a folder, in name order so results are stable. A
    /// file over the size cap is not read: it comes back with a <see cref="Refusal"/>, which
    /// the loader reports as the file's error.
    /// </summary>
    public static IReadOnlyList<ScheduleSource> ReadFolder(string directory, InputFileLimits? limits = null)
    {
        if (!Directory.Exists(directory))
        {
            throw new ScheduleFolderMissingException(directory);
        }

        var maxBytes = (limits ?? InputFileLimits.Default).MaxBytes;
        return Directory.EnumerateFiles(directory)
            .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .Select(f => Read(f, maxBytes))
            .ToList();
    }

    private static ScheduleSource Read(string path, long maxBytes)
    {
        try
        {
            return new ScheduleSource(path, BoundedFile.ReadAllText(path, maxBytes));
        }
        catch (InputFileException ex)
        {
            return new ScheduleSource(path, "") { Refusal = ex };
        }
    }
}
