namespace TanKy.Hub.Schedules.Parsing;

/// <summary>One schedule file's text, with the name errors should print (the path as given).</summary>
public sealed record ScheduleSource(string Name, string Text)
{
    /// <summary>Every <c>*.yaml</c>/<c>*.yml</c> file of a folder, in name order so results are stable.</summary>
    public static IReadOnlyList<ScheduleSource> ReadFolder(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"không có thư mục lịch / schedule folder not found: {directory}");
        }

        return Directory.EnumerateFiles(directory)
            .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .Select(f => new ScheduleSource(f, File.ReadAllText(f)))
            .ToList();
    }
}
