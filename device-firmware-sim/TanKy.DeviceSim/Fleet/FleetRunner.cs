using TanKy.DeviceSim.Node;
using TanKy.Protocol.Time;

namespace TanKy.DeviceSim.Fleet;

/// <summary>N simulated nodes in one process, from a fleet file: start (storm or staggered), observe, stop cleanly.</summary>
public sealed class FleetRunner : IAsyncDisposable
{
    private readonly FleetRunOptions _options;
    private readonly CancellationTokenSource _stop = new();
    private Task? _killer;

    public FleetRunner(FleetFile fleet, FleetRunOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        _options = options ?? new FleetRunOptions();
        var devices = _options.Limit is { } limit ? fleet.Devices.Take(limit) : fleet.Devices;
        Nodes = devices.Select(d => new SimulatedNode(new NodeOptions
        {
            Site = fleet.Site,
            Host = _options.Host ?? fleet.BrokerHost,
            Port = _options.Port ?? fleet.BrokerPort,
            UseTls = fleet.BrokerTls,
            AllowUntrustedCertificates = _options.AllowUntrustedCertificates,
            DeviceId = d.Id,
            Kind = d.Kind,
            Secret = d.Secret,
            TelemetryInterval = _options.TelemetryInterval,
            ReconnectBase = _options.ReconnectBase,
            ReconnectCap = _options.ReconnectCap,
            RebootDelay = _options.RebootDelay,
            Faults = _options.Faults,
            Time = _options.Time,
            ClockOffset = _options.ClockOffsetSpread * ((2 * Random.Shared.NextDouble()) - 1),
            AudioOutputDirectory = _options.AudioOutputDirectory,
            AudioSink = _options.AudioSink,
            ClockSync = _options.ClockSyncWindow is { } window ? ClockSyncSchedule.Default with { MaxStartJitter = window } : ClockSyncSchedule.Default,
        })).ToList();
        foreach (var node in Nodes)
        {
            node.Activity += (sender, activity) => Activity?.Invoke(sender, activity);
        }
    }

    public IReadOnlyList<SimulatedNode> Nodes { get; }

    public int OnlineCount => Nodes.Count(n => n.IsConnected);

    /// <summary>Every activity of every node; the sender is the node.</summary>
    public event EventHandler<NodeActivity>? Activity;

    public async Task StartAsync(CancellationToken ct = default)
    {
        if (_options.StartAllAtOnce)
        {
            await Task.WhenAll(Nodes.Select(n => n.StartAsync(ct)));
        }
        else
        {
            foreach (var node in Nodes)
            {
                await node.StartAsync(ct);
                await Task.Delay(_options.StaggerDelay, _options.Time, ct);
            }
        }

        if (_options.KillEvery is { } every)
        {
            _killer = KillLoopAsync(every, _stop.Token);
        }
    }

    /// <summary>Clean shutdown of every node (offline published, then DISCONNECT), in parallel.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        if (_killer is not null)
        {
            await _killer.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        await Task.WhenAll(Nodes.Select(n => n.StopAsync()));
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await Task.WhenAll(Nodes.Select(n => n.DisposeAsync().AsTask()));
        _stop.Dispose();
    }

    private async Task KillLoopAsync(TimeSpan every, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            await Task.Delay(every, _options.Time, ct);
            var online = Nodes.Where(n => n.IsConnected).ToList();
            if (online.Count > 0)
            {
                online[Random.Shared.Next(online.Count)].Kill(_options.PowerBackAfter);
            }
        }
    }
}
