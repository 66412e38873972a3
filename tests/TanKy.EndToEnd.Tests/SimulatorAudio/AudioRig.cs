using TanKy.DeviceSim.Node;
using TanKy.EndToEnd.Tests.Simulator;
using TanKy.Protocol.Time;
using TanKy.Tests.Shared;

namespace TanKy.EndToEnd.Tests.SimulatorAudio;

/// <summary>
/// One audio test's world: a real broker on a free loopback port, the stand-in hub, speaker
/// nodes (zone khoi-1) with their own clocks, and a directory for their WAV files.
/// </summary>
internal sealed class AudioRig : IAsyncDisposable
{
    public const string Zone = "khoi-1";

    // A shorter random start than the default 0–2 s: tests wait for sync, nothing else changes.
    public static readonly ClockSyncSchedule FastStart = ClockSyncSchedule.Default with { MaxStartJitter = TimeSpan.FromMilliseconds(200) };

    private readonly List<SimulatedNode> _nodes = [];

    private AudioRig(TestBroker broker, StandInHub hub)
    {
        Broker = broker;
        Hub = hub;
        AudioDirectory = Path.Combine(Path.GetTempPath(), "tanky-audio-" + Guid.NewGuid().ToString("N")[..12]);
    }

    public TestBroker Broker { get; }

    public StandInHub Hub { get; }

    public string AudioDirectory { get; }

    public IReadOnlyList<SimulatedNode> Nodes => _nodes;

    public static async Task<AudioRig> StartAsync()
    {
        var broker = await TestBroker.StartAsync();
        return new AudioRig(broker, await StandInHub.ConnectAsync(broker.Port));
    }

    /// <summary>Starts speakers with the given clock offsets and waits until each is online and synchronised.</summary>
    public async Task<IReadOnlyList<SimulatedNode>> AddSpeakersAsync(
        IEnumerable<TimeSpan> offsets, Func<NodeOptions, NodeOptions>? adjust = null, ClockSyncSchedule? schedule = null)
    {
        var added = offsets.Select((offset, i) =>
        {
            var options = TestNodes.Options(Broker.Port, id: $"loa-{_nodes.Count + i:d2}") with
            {
                ClockOffset = offset,
                ClockSync = schedule ?? FastStart,
                AudioOutputDirectory = AudioDirectory,
            };
            return new SimulatedNode(adjust?.Invoke(options) ?? options);
        }).ToList();
        _nodes.AddRange(added);

        // Zones come only over the protocol: the desired zones wait retained for each speaker.
        await Task.WhenAll(added.Select(n => Hub.PublishDesiredZonesAsync(n.DeviceId, 1, Zone)));
        await Task.WhenAll(added.Select(n => n.StartAsync()));
        await Task.WhenAll(added.Select(n => n.WaitForClockSynchronisedAsync(Waits.Default)));
        await Task.WhenAll(added.Select(n => n.WaitForZonesAsync([Zone], Waits.Default)));
        return added;
    }

    public async Task<SimulatedNode> AddSpeakerAsync(TimeSpan offset = default, Func<NodeOptions, NodeOptions>? adjust = null) =>
        (await AddSpeakersAsync([offset], adjust))[0];

    /// <summary>A broadcast starting <paramref name="startIn"/> from now on the hub clock.</summary>
    public StandInBroadcast Broadcast(string stream, uint epoch, TimeSpan? startIn = null, TestProgramme? programme = null) => new()
    {
        Stream = stream,
        Epoch = epoch,
        StartMicros = Hub.NowMicros + (long)(startIn ?? TimeSpan.FromMilliseconds(700)).TotalMicroseconds,
        Packets = (programme ?? TestProgramme.Voice).Packets,
    };

    public string WavOf(SimulatedNode node, string stream) => Path.Combine(AudioDirectory, $"{node.DeviceId}.{stream}.wav");

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_nodes.Select(n => n.DisposeAsync().AsTask()));
        await Hub.DisposeAsync();
        await Broker.DisposeAsync();
        if (Directory.Exists(AudioDirectory))
        {
            Directory.Delete(AudioDirectory, recursive: true);
        }
    }
}
