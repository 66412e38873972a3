using System.Security.Cryptography;

namespace TanKy.Hub.Media;

/// <summary>An upload copied into a staging directory, hashed on the way in.</summary>
internal sealed record UploadedFile(string Path, long Size, string Sha256)
{
    private const int BufferSize = 81920;

    /// <summary>
    /// Copies at most <paramref name="maxBytes"/>; returns null as soon as the content is longer,
    /// without reading the rest (a 2 GB upload costs us 50 MB of disk, not 2 GB).
    /// </summary>
    public static async Task<UploadedFile?> CopyAsync(Stream content, string path, long maxBytes, CancellationToken ct)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[BufferSize];
        long size = 0;
        await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, useAsync: true))
        {
            int read;
            while ((read = await content.ReadAsync(buffer, ct)) > 0)
            {
                size += read;
                if (size > maxBytes)
                {
                    return null;
                }

                hash.AppendData(buffer, 0, read);
                await file.WriteAsync(buffer.AsMemory(0, read), ct);
            }

            // The row will claim these bytes exist: make sure they reached the disk first.
            await file.FlushAsync(ct);
            file.Flush(flushToDisk: true);
        }

        return new UploadedFile(path, size, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }
}
