using TanKy.Hub.Shared.Text;

namespace TanKy.Hub.Schedules.Parsing;

/// <summary>The schedule folder does not exist: shown to people as <c>sched.err.noFolder</c>, logged in English.</summary>
public sealed class ScheduleFolderMissingException(string directory)
    : DirectoryNotFoundException($"schedule folder not found: {directory}"), ILocalizedError
{
    public string Directory { get; } = directory;

    public TextMessage Text => new("sched.err.noFolder", Directory);
}
