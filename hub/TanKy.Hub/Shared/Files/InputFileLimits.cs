namespace TanKy.Hub.Shared.Files;

/// <summary>
/// Size and nesting caps for files the hub reads from people or folders (programme YAML,
/// commune/device imports, CAP XML). Issue #14: 50,000 nested <c>[</c> in 100 KB overflowed the
/// YAML parser's stack and killed the hub; a 33 MB file took it to 1.12 GB.
/// </summary>
public sealed record InputFileLimits(long MaxBytes, int MaxDepth)
{
    public const long DefaultMaxBytes = 1024 * 1024;

    /// <summary>A programme file nests about 6 levels; 64 leaves room for any honest file.</summary>
    public const int DefaultMaxDepth = 64;

    public static InputFileLimits Default { get; } = new(DefaultMaxBytes, DefaultMaxDepth);
}
