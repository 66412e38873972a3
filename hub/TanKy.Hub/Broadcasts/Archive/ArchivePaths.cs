using System.Globalization;
using TanKy.Hub.Shared;

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

    /// <summary>The path stored in the index: relative to the data directory and '/'-separated, so the data directory can move.</summary>
    public static string RelativePath(string broadcastId, DateTimeOffset startedAt)
    {
        var local = CommuneTime.ToLocal(startedAt);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{Folder}/{local:yyyy}/{local:MM}/{local:dd}/{broadcastId}.opus");
    }

    public static string FullPath(string dataDir, string relativePath) =>
        Path.GetFullPath(Path.Combine(dataDir, relativePath.Replace('/', Path.DirectorySeparatorChar)));
}
