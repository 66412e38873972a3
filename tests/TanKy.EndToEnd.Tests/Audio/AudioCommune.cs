using TanKy.DeviceSim.Node;
using TanKy.EndToEnd.Tests.Simulator;
using TanKy.Hub.Broadcasts;
using TanKy.Hub.Broadcasts.Delivery;
using TanKy.Hub.Devices;
using TanKy.Hub.Media;
using TanKy.Hub.Tests.Support;
using TanKy.Protocol;
using TanKy.Protocol.Time;
using TanKy.Tests.Shared;

namespace TanKy.EndToEnd.Tests.Audio;

/// <summary>
/// The real hub (embedded broker, media library, broadcasts, archive) in a test data directory,
/// and simulated speakers spread over a few hamlets, each writing what it plays to a WAV file.
/// </summary>
internal sealed class AudioCommune : IAsyncDisposable
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    private static readonly ClockSyncSchedule FastStart = ClockSyncSchedule.Default with { MaxStartJitter = TimeSpan.FromMilliseconds(500) };

    private readonly TempDataDir _dir = new();
    private readonly Dictionary<string, string> _secrets = [];
    private readonly List<SimulatedNode> _nodes = [];

    private AudioCommune(IReadOnlyList<string> zones)
    {
        Zones = zones;
        AudioDirectory = Path.Combine(Path.GetTempPath(), "tanky-e2e-audio-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(AudioDirectory);
    }

    public IReadOnlyList<string> Zones { get; }

    public string AudioDirectory { get; }

    public TestHub Hub { get; private set; } = null!;

    public IReadOnlyList<SimulatedNode> Nodes => _nodes;

    /// <summary><paramref name="speakers"/> speakers round-robin over <paramref name="zoneCount"/> hamlets, all online and synchronised.</summary>
    public static Task<AudioCommune> StartAsync(int speakers, int zoneCount, double audioLossPercent = 0) =>
        StartAsync(speakers, zoneCount, _ => new FaultOptions { AudioLossPercent = audioLossPercent });

    /// <summary>As above, with each speaker's own faults (by its index): a mixed fleet of links.</summary>
    public static async Task<AudioCommune> StartAsync(int speakers, int zoneCount, Func<int, FaultOptions> faults)
    {
        var zones = Enumerable.Range(1, zoneCount).Select(z => $"xom-{z}").ToList();
        var commune = new AudioCommune(zones);
        foreach (var zone in zones)
        {
            commune._dir.Zones.Add(zone, $"Xóm {zone[4..]}");
        }

        for (var i = 0; i < speakers; i++)
        {
            var id = $"loa-{i:d2}";
            commune._secrets[id] = commune._dir.Devices.Add(new NewDevice(id, DeviceKind.Speaker, [zones[i % zoneCount]], $"Cụm loa {i}"));
        }

        commune.Hub = await TestHub.StartAsync(commune._dir.Path);
        await commune.StartNodesAsync(faults);
        return commune;
    }

    public async Task<MediaItem> ImportAsync(float[] samples, string title)
    {
        using var content = new MemoryStream(SpeechSignal.ToWav(samples));
        var result = await Hub.Get<MediaLibrary>().ImportAsync(content, "ban-tin.wav", title, "can-bo-van-hoa", CancellationToken.None);
        result.Item.Should().NotBeNull(result.ToString());
        return result.Item!;
    }

    public Task<BroadcastTicket> PlayAsync(MediaItem item) =>
        Hub.Get<IBroadcastService>().PlayAsync(new BroadcastRequest(item.Id, BulletinClass.Normal, Zones, "can-bo-van-hoa", "api"));

    /// <summary>Polls the delivery report until every targeted node has finished (or the wait ends).</summary>
    public async Task<DeliveryReport> WaitForDeliveryAsync(string broadcastId)
    {
        var service = Hub.Get<IBroadcastService>();
        var deadline = DateTime.UtcNow + Wait;
        while (true)
        {
            var report = service.GetDeliveryReport(broadcastId);
            if ((report.Targeted > 0 && report.Finished == report.Targeted) || DateTime.UtcNow > deadline)
            {
                return report;
            }

            await Task.Delay(200);
        }
    }

    /// <summary>The WAV a node wrote for its (only) stream.</summary>
    public string WavOf(SimulatedNode node) =>
        Directory.EnumerateFiles(AudioDirectory, $"{node.DeviceId}.*.wav").Single();

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_nodes.Select(n => n.DisposeAsync().AsTask()));
        await Hub.DisposeAsync();
        _dir.Dispose();
        if (Directory.Exists(AudioDirectory))
        {
            Directory.Delete(AudioDirectory, recursive: true);
        }
    }

    private async Task StartNodesAsync(Func<int, FaultOptions> faults)
    {
        var random = new Random(2026);
        var index = 0;
        foreach (var (id, secret) in _secrets)
        {
            _nodes.Add(new SimulatedNode(new NodeOptions
            {
                Site = "tan-ky",
                Port = Hub.MqttPort,
                DeviceId = id,
                Kind = DeviceKind.Speaker,
                Secret = secret,
                TelemetryInterval = TimeSpan.FromSeconds(10),
                ReconnectBase = TimeSpan.FromMilliseconds(100),
                ReconnectCap = TimeSpan.FromSeconds(1),
                ClockOffset = TimeSpan.FromMilliseconds(random.Next(-5000, 5001)),
                ClockSync = FastStart,
                AudioOutputDirectory = AudioDirectory,
                Faults = faults(index++),
            }));
        }

        await Task.WhenAll(_nodes.Select(n => n.StartAsync()));
        await Task.WhenAll(_nodes.Select(n => n.WaitUntilConnectedAsync(Wait)));
        await Task.WhenAll(_nodes.Select(n => n.WaitForClockSynchronisedAsync(Wait)));
        await Task.WhenAll(_nodes.Select(n => n.WaitForZonesAsync(_dir.Devices.Get(n.DeviceId)!.Zones, Wait)));

        // The hub counts a speaker as targeted once it has seen it online.
        var deadline = DateTime.UtcNow + Wait;
        while (_secrets.Keys.Any(id => _dir.Devices.Get(id)!.Status != DeviceStatus.Online) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }
    }
}
