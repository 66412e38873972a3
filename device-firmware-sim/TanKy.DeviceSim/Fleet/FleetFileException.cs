namespace TanKy.DeviceSim.Fleet;

/// <summary>A fleet file that cannot be used; the message names the file and every problem found.</summary>
public sealed class FleetFileException : Exception
{
    public FleetFileException(string path, IReadOnlyList<string> problems)
        : base($"{path}: " + string.Join(Environment.NewLine + "  ", problems))
    {
        Path = path;
        Problems = problems;
    }

    public string Path { get; }

    public IReadOnlyList<string> Problems { get; }
}
