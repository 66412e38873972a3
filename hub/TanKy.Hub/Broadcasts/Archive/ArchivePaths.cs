using System.Globalization;

namespace TanKy.Hub.Broadcasts.Archive;

/// <summary>
/// Where a recording lives: <c>archive/YYYY/MM/DD/{broadcastId}.opus</c> under the data
/// directory, dated in commune local time (Asia/Ho_Chi_Minh, UTC+7). Local, not UTC, because
/// the people who look for a recording think in local days: the 06:00 morning bulletin is
/// 23:00 UTC the day before and would otherwise be filed under the wrong day.
/// </summary>
internal static class ArchivePaths
{
    public const string Folder = "archive";

    public static TimeZoneInfo CommuneTimeZone { get; } = FindTimeZone();

    public static DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, CommuneTimeZone);

    /// <summary>The path stored in the index: relative to the data directory and '/'-separated, so the data directory can move.</summary>
    public static string RelativePath(string broadcastId, DateTimeOffset startedAt)
    {
        var local = ToLocal(startedAt);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{Folder}/{local:yyyy}/{local:MM}/{local:dd}/{broadcastId}.opus");
    }

    public static string FullPath(string dataDir, string relativePath) =>
        Path.GetFullPath(Path.Combine(dataDir, relativePath.Replace('/', Path.DirectorySeparatorChar)));

    private static TimeZoneInfo FindTimeZone()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh");
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            // Minimal images may lack tzdata; Vietnam has kept UTC+7 without DST since 1975.
            return TimeZoneInfo.CreateCustomTimeZone("Asia/Ho_Chi_Minh", TimeSpan.FromHours(7), "Indochina Time", "ICT");
        }
    }
}
