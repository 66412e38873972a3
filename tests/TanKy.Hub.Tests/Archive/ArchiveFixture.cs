using Microsoft.Extensions.Options;
using TanKy.Hub.Broadcasts.Archive;
using TanKy.Hub.Tests.Support;

namespace TanKy.Hub.Tests.Archive;

/// <summary>A migrated temp database, a fake clock at 06:00 Hanoi time, and an archive over them.</summary>
internal sealed class ArchiveFixture : IDisposable
{
    private static readonly Lazy<EncodedAudio> OneSecondAudio = new(() => OpusTestAudio.Encode(48000));

    public ArchiveFixture(ArchiveOptions? options = null)
    {
        Options = options ?? new ArchiveOptions();
        Archive = NewArchive();
        Retention = new ArchiveRetention(Archive, Dir.Time, Microsoft.Extensions.Options.Options.Create(Options), RetentionLog);
    }

    public TempDataDir Dir { get; } = new();

    public ArchiveOptions Options { get; }

    public BroadcastArchive Archive { get; }

    public ArchiveRetention Retention { get; }

    public ListLogger<BroadcastArchive> ArchiveLog { get; } = new();

    public ListLogger<ArchiveRetention> RetentionLog { get; } = new();

    /// <summary>One second of real Concentus packets, encoded once for all tests.</summary>
    public static EncodedAudio OneSecond => OneSecondAudio.Value;

    public static ArchiveEntry Entry(string id, string cls = "normal", params string[] zones) =>
        new(id, "Bản tin sáng " + id, cls, zones.Length == 0 ? ["khoi-1"] : zones, "can-bo-van-hoa");

    /// <summary>A second archive instance over the same data, as after a hub restart.</summary>
    public BroadcastArchive NewArchive() =>
        new(Dir.Db, Dir.Time, Microsoft.Extensions.Options.Options.Create(Options), ArchiveLog);

    /// <summary>Records a broadcast of one second of audio and completes it.</summary>
    public async Task<ArchiveRecord> RecordAsync(string id, params string[] zones)
    {
        await using var recording = await Archive.BeginAsync(Entry(id, "normal", zones));
        foreach (var packet in OneSecond.Packets)
        {
            await recording.AppendAsync(packet, 960);
        }

        return (await recording.CompleteAsync(OneSecond.SourceSamples))!;
    }

    public void Dispose() => Dir.Dispose();
}
