namespace TanKy.Hub.Shared.Files;

/// <summary>A file refused by <see cref="YamlGuard"/> or <see cref="BoundedFile"/>, with where (1-based line and column).</summary>
public sealed class InputFileException(string message, long line, long column) : Exception(message)
{
    public long Line { get; } = line;

    public long Column { get; } = column;
}
