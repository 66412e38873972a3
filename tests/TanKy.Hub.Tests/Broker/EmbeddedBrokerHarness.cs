using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TanKy.Hub.Broker;

using TanKy.Hub.Tests.Support;
using TanKy.Hub.Shared;

namespace TanKy.Hub.Tests.Broker;

/// <summary>
/// A real embedded broker on a free loopback port (port 0: the OS chooses), with a fake device
/// registry, fresh metrics and captured logs.
/// </summary>
internal sealed class EmbeddedBrokerHarness : IAsyncDisposable
{
    public const string Site = "tan-ky";

    private readonly bool _ownsDataDir;

    private EmbeddedBrokerHarness(TempDataDir dataDir, bool ownsDataDir, BrokerOptions options, FakeDeviceAuthenticator devices, TimeProvider time)
    {
        DataDir = dataDir;
        _ownsDataDir = ownsDataDir;
        Options = options;
        Devices = devices;
        LoggerFactory = Microsoft.Extensions.Logging.LoggerFactory.Create(b => b.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace));
        HubOptions = new HubOptions { Site = Site, DataDir = dataDir.Path };
        Broker = new EmbeddedBroker(
            Microsoft.Extensions.Options.Options.Create(options),
            Microsoft.Extensions.Options.Options.Create(HubOptions),
            dataDir.Db,
            Metrics,
            devices,
            time,
            LoggerFactory.CreateLogger<EmbeddedBroker>());
    }

    public TempDataDir DataDir { get; }

    public BrokerOptions Options { get; }

    public HubOptions HubOptions { get; }

    public FakeDeviceAuthenticator Devices { get; }

    public HubMetrics Metrics { get; } = new();

    public ListLoggerProvider Logs { get; } = new();

    public ILoggerFactory LoggerFactory { get; }

    public EmbeddedBroker Broker { get; }

    public int Port => Broker.Port;

    /// <summary>
    /// Starts a broker; pass <paramref name="dataDir"/> to reuse a database (restart tests), and
    /// <paramref name="time"/> for the broker's clock (a FakeTimeProvider steps its deadlines; the system clock by default).
    /// </summary>
    public static async Task<EmbeddedBrokerHarness> StartAsync(Action<BrokerOptions>? configure = null, FakeDeviceAuthenticator? devices = null, TempDataDir? dataDir = null, TimeProvider? time = null)
    {
        var options = new BrokerOptions { Port = 0, Tls = { Port = 0 } };
        configure?.Invoke(options);
        var harness = new EmbeddedBrokerHarness(dataDir ?? new TempDataDir(), dataDir is null, options, devices ?? StandardDevices(), time ?? TimeProvider.System);
        try
        {
            await harness.Broker.StartAsync(CancellationToken.None);
        }
        catch
        {
            await harness.DisposeAsync();
            throw;
        }

        return harness;
    }

    /// <summary>dev-a in zones z1 and z2, dev-b in z3.</summary>
    public static FakeDeviceAuthenticator StandardDevices() =>
        new FakeDeviceAuthenticator().Add("dev-a", "secret-a", "z1", "z2").Add("dev-b", "secret-b", "z3");

    /// <summary>The hub's connection settings (with the per-process internal password).</summary>
    public BrokerConnectionSettings HubSettings => ((IBrokerEndpoint)Broker).Resolve();

    public async ValueTask DisposeAsync()
    {
        await Broker.DisposeAsync();
        Metrics.Dispose();
        LoggerFactory.Dispose();
        if (_ownsDataDir)
        {
            DataDir.Dispose();
        }
    }
}
