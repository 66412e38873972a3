using System.Collections.Concurrent;
using System.Security.Cryptography;
using TanKy.Hub.Media;

namespace TanKy.Hub.Schedules.Precache;

/// <summary>
/// Path, size and SHA-256 of a clip's encoded stream file (what nodes download and verify).
/// A committed clip never changes, so the hash is computed once per file and kept.
/// </summary>
public sealed class StreamFileInfo(MediaLibrary library)
{
    private readonly ConcurrentDictionary<string, (long Size, DateTime Written, string Sha256)> _known = new(StringComparer.Ordinal);

    public string PathOf(string mediaId) => Path.Combine(library.ItemDirectory(mediaId), MediaStore.StreamFileName);

    /// <summary>(size, sha256 hex) of the stream file, or null when the clip or its file is missing.</summary>
    public (long Size, string Sha256)? Describe(string mediaId)
    {
        if (!MediaIds.IsValid(mediaId))
        {
            return null;
        }

        var file = new FileInfo(PathOf(mediaId));
        if (!file.Exists)
        {
            return null;
        }

        if (_known.TryGetValue(mediaId, out var k) && k.Size == file.Length && k.Written == file.LastWriteTimeUtc)
        {
            return (k.Size, k.Sha256);
        }

        using var stream = file.OpenRead();
        var sha = Convert.ToHexStringLower(SHA256.HashData(stream));
        _known[mediaId] = (file.Length, file.LastWriteTimeUtc, sha);
        return (file.Length, sha);
    }
}
