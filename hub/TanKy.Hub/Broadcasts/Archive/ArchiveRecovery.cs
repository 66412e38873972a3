using System.Security.Cryptography;
using Microsoft.Extensions.Logging;

namespace TanKy.Hub.Broadcasts.Archive;

/// <summary>
/// Start-up check of recordings the index still shows as <c>recording</c> although nothing is
/// writing them: the hub died mid-broadcast. Each file is read with <see cref="OggOpusReader"/>,
/// cut back to its last intact page, and its row finished as <c>interrupted</c> (or
/// <c>complete</c> when the crash came after the EOS page but before the index update).
/// </summary>
internal sealed class ArchiveRecovery(BroadcastArchive archive, ILogger logger)
{
    /// <summary>Returns how many rows were repaired or removed.</summary>
    public int Run()
    {
        var handled = 0;
        foreach (var row in archive.Index.WithStatus(ArchiveStatus.Recording))
        {
            if (archive.IsActive(row.Id))
            {
                continue;
            }

            Recover(row);
            handled++;
        }

        return handled;
    }

    private void Recover(ArchiveRecord row)
    {
        var full = archive.GetFullPath(row);
        if (!File.Exists(full))
        {
            logger.LogWarning("Archive file {Path} of broadcast {BroadcastId} is missing; index row removed", row.Path, row.BroadcastId);
            archive.Index.Delete([row.Id]);
            return;
        }

        OggOpusFileInfo info;
        try
        {
            info = OggOpusReader.ReadFile(full);
        }
        catch (InvalidDataException ex)
        {
            logger.LogWarning("Archive file {Path} has no usable headers ({Reason}); file and row removed", row.Path, ex.Message);
            Remove(row, full);
            return;
        }

        if (info.AudioPacketCount == 0)
        {
            logger.LogWarning("Archive file {Path} holds no audio; file and row removed", row.Path);
            Remove(row, full);
            return;
        }

        // Drop the torn page a crash may leave at the end, so every reader sees a clean file.
        using (var file = new FileStream(full, FileMode.Open, FileAccess.Write, FileShare.Read))
        {
            if (file.Length > info.ValidLength)
            {
                file.SetLength(info.ValidLength);
                file.Flush(flushToDisk: true);
            }
        }

        var status = info.HasEndOfStream ? ArchiveStatus.Complete : ArchiveStatus.Interrupted;
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(full)));
        archive.Index.Finish(
            row.Id, row.StartedAt + info.Duration, (long)info.Duration.TotalMilliseconds, info.ValidLength, sha256, status);
        logger.LogWarning(
            "Recovered archive of broadcast {BroadcastId} after an unclean stop: {Status}, {DurationMs} ms kept ({Reason})",
            row.BroadcastId, status, (long)info.Duration.TotalMilliseconds, info.StopReason ?? "no end-of-stream page");
    }

    private void Remove(ArchiveRecord row, string full)
    {
        File.Delete(full);
        archive.Index.Delete([row.Id]);
    }
}
