using System.Security.Cryptography;
using Microsoft.Extensions.Logging;

namespace TanKy.Hub.Broadcasts.Archive;

/// <summary>
/// A recording in progress: one file, one writer, one index row. A gate serialises appends with
/// completion because a preemption may abort the recording from another thread mid-stream.
/// </summary>
internal sealed class ArchiveRecording : IArchiveRecording
{
    private readonly BroadcastArchive _archive;
    private readonly FileStream _file;
    private readonly OggOpusWriter _writer;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _finished;
    private bool _failed;

    public ArchiveRecording(
        BroadcastArchive archive, long id, string broadcastId, string fullPath, FileStream file, OggOpusWriter writer, ILogger logger, TimeProvider time)
    {
        _archive = archive;
        Id = id;
        BroadcastId = broadcastId;
        FullPath = fullPath;
        _file = file;
        _writer = writer;
        _logger = logger;
        _time = time;
    }

    public string BroadcastId { get; }

    public long Id { get; }

    public string FullPath { get; }

    public async ValueTask AppendAsync(ReadOnlyMemory<byte> opusPacket, int samples, CancellationToken ct = default)
    {
        var fromToc = OpusPacket.GetSamples(opusPacket.Span);
        if (fromToc != samples)
        {
            throw new ArgumentException(
                $"the Opus packet holds {fromToc} samples by its TOC byte, not {samples}", nameof(samples));
        }

        await _gate.WaitAsync(ct);
        try
        {
            if (_finished)
            {
                throw new InvalidOperationException($"the recording of broadcast '{BroadcastId}' has already ended");
            }

            if (!_failed)
            {
                await _writer.AppendAsync(opusPacket, samples, ct);
            }
        }
        catch (IOException ex)
        {
            Fail(ex);
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task<ArchiveRecord?> CompleteAsync(long? sourceSamples = null, CancellationToken ct = default) =>
        FinishAsync(ArchiveStatus.Complete, sourceSamples, null, ct);

    public Task<ArchiveRecord?> AbortAsync(string reason, CancellationToken ct = default) =>
        FinishAsync(ArchiveStatus.Aborted, null, reason, ct);

    public async ValueTask DisposeAsync()
    {
        if (!_finished)
        {
            await AbortAsync("disposed without being completed");
        }

        _gate.Dispose();
    }

    private async Task<ArchiveRecord?> FinishAsync(string status, long? sourceSamples, string? reason, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            if (_finished)
            {
                return _archive.Index.Get(Id);
            }

            _finished = true;
            return await WriteEndAsync(status, sourceSamples, reason);
        }
        finally
        {
            _archive.Release(Id);
            _gate.Release();
        }
    }

    // Not cancellable on purpose: a cancelled broadcast must still leave a finished file and row.
    private async Task<ArchiveRecord?> WriteEndAsync(string status, long? sourceSamples, string? reason)
    {
        if (_writer.PacketCount == 0)
        {
            await _file.DisposeAsync();
            File.Delete(FullPath);
            _archive.Index.Delete([Id]);
            _logger.LogWarning("Archive of broadcast {BroadcastId} has no audio; file and index row removed", BroadcastId);
            return null;
        }

        var final = _writer.Granule;
        try
        {
            if (!_failed)
            {
                final = await _writer.CompleteAsync(sourceSamples, CancellationToken.None);
            }
        }
        catch (IOException ex)
        {
            Fail(ex);
        }

        try
        {
            await _file.DisposeAsync();
        }
        catch (IOException ex)
        {
            Fail(ex);
        }

        if (_failed)
        {
            // What reached the disk, not what was handed to the writer, is what the archive holds.
            final = ReadFinalGranule();
        }

        var size = new FileInfo(FullPath).Length;
        var sha256 = await HashAsync();
        var durationMs = Math.Max(0, final - _writer.Head.PreSkip) * 1000 / OggOpusWriter.SampleRate;
        var finalStatus = _failed ? ArchiveStatus.Failed : status;
        _archive.Index.Finish(Id, _time.GetUtcNow(), durationMs, size, sha256, finalStatus);
        _logger.LogInformation(
            "Archived broadcast {BroadcastId}: {Status}{Reason}, {DurationMs} ms, {Packets} packets, {Bytes} bytes",
            BroadcastId, finalStatus, reason is null ? string.Empty : " (" + reason + ")", durationMs, _writer.PacketCount, size);
        return _archive.Index.Get(Id);
    }

    private void Fail(IOException ex)
    {
        if (!_failed)
        {
            _logger.LogError(ex, "Archive of broadcast {BroadcastId} failed to write {Path}; the broadcast goes on unrecorded", BroadcastId, FullPath);
        }

        _failed = true;
    }

    private long ReadFinalGranule()
    {
        try
        {
            return OggOpusReader.ReadFile(FullPath).FinalGranule;
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException)
        {
            return 0;
        }
    }

    private async Task<string> HashAsync()
    {
        await using var stream = new FileStream(FullPath, FileMode.Open, FileAccess.Read, FileShare.Read, 65536, useAsync: true);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream));
    }
}
