using TanKy.Hub.Media;

namespace TanKy.Web.Tests.Media;

/// <summary>
/// Holds the hub's normal import lane (one slot by default) with an import whose upload stream
/// waits, so a test sees an upload sit in "Đang xử lý…" for as long as it likes, without sleeps.
/// <see cref="Release"/> ends the stream (an empty file, refused, nothing stored) and frees the lane.
/// </summary>
internal sealed class ImportLaneHold : Stream
{
    private readonly TaskCompletionSource _reading = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task<MediaImportResult>? _import;

    public static async Task<ImportLaneHold> TakeAsync(MediaLibrary library)
    {
        var hold = new ImportLaneHold();
        hold._import = library.ImportAsync(hold, "hold.wav", "giữ lượt", "test", CancellationToken.None);
        await hold._reading.Task.WaitAsync(TimeSpan.FromSeconds(20));
        return hold;
    }

    /// <summary>Lets the holding import finish (refused as empty) and waits until the lane is free.</summary>
    public async Task ReleaseAsync()
    {
        _released.TrySetResult();
        (await _import!.WaitAsync(TimeSpan.FromSeconds(20))).Succeeded.Should().BeFalse();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        _reading.TrySetResult();
        await _released.Task.WaitAsync(cancellationToken);
        return 0;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => 0; set => throw new NotSupportedException(); }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
