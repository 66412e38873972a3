using System.Runtime.CompilerServices;

namespace TanKy.Hub.Broadcasts.Sources;

/// <summary>A stored clip as a source: every packet is in memory, so any offset can be read at once.</summary>
internal sealed class StoredMediaSource(MediaPackets media) : IAudioSource
{
    public string Title => media.Title;

    public long? TotalSamples => media.SampleCount;

    public int PreSkip => media.PreSkip;

    public bool IsLive => false;

    public int PacketCount => media.Packets.Count;

    public async IAsyncEnumerable<ReadOnlyMemory<byte>> ReadPacketsAsync(long fromFrame, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fromFrame);
        await Task.CompletedTask;
        for (var i = fromFrame; i < media.Packets.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return media.Packets[(int)i];
        }
    }
}
