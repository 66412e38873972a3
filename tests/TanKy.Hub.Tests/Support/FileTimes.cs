namespace TanKy.Hub.Tests.Support;

/// <summary>
/// File and directory times for tests that compare them with an injected clock.
/// </summary>
/// <remarks>
/// Under libfaketime (<c>faketime -f '+400d' dotnet test</c>) the times on disk are real, but .NET
/// reads them through <c>__xstat64</c>, which libfaketime shifts by its offset, while setting them
/// (<c>utimensat</c>) is not shifted. A time written with <see cref="Directory.SetLastWriteTimeUtc"/>
/// therefore reads back 400 days later. Code under test sees the read-back value, so that is the one
/// that must equal the injected clock's time.
/// </remarks>
public static class FileTimes
{
    /// <summary>Sets the last-write time of a file or directory so that this process reads back <paramref name="at"/>.</summary>
    public static void SetLastWriteTimeAsSeen(string path, DateTimeOffset at)
    {
        var wanted = at.UtcDateTime;
        Set(path, wanted);
        var skew = Get(path) - wanted;
        if (skew != TimeSpan.Zero)
        {
            Set(path, wanted - skew);
        }

        var seen = Get(path);
        if (seen != wanted)
        {
            throw new InvalidOperationException($"{path}: last-write time set to be read as {wanted:O} reads as {seen:O}");
        }
    }

    private static DateTime Get(string path) => Directory.Exists(path) ? Directory.GetLastWriteTimeUtc(path) : File.GetLastWriteTimeUtc(path);

    private static void Set(string path, DateTime utc)
    {
        if (Directory.Exists(path))
        {
            Directory.SetLastWriteTimeUtc(path, utc);
        }
        else
        {
            File.SetLastWriteTimeUtc(path, utc);
        }
    }
}
