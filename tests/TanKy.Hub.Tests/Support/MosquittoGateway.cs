using System.Diagnostics;
using TanKy.Hub.Broker;
using TanKy.Hub.Shared;

namespace TanKy.Hub.Tests.Support;

/// <summary>
/// Debian's mosquitto laid out as install.sh lays it out on a gateway: the root-owned config from
/// <c>broker mosquitto-conf</c>, and a sync directory (group mosquitto, setgid, 2750) where the hub
/// keeps <c>passwd</c> and <c>acl</c>. The first sync runs before mosquitto starts (it needs the
/// files), as install.sh's <c>broker sync-mosquitto</c> does; the pid file lets the hub reload it.
/// </summary>
public sealed class MosquittoGateway : IAsyncDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("tanky-mosq-gw-").FullName;

    private MosquittoGateway()
    {
    }

    public MosquittoProcess Mosquitto { get; private set; } = null!;

    public int Port { get; private set; }

    public string SyncDirectory => Path.Combine(_root, "sync");

    public string PidFile => Path.Combine(_root, "mosquitto.pid");

    /// <summary>Starts mosquitto on a free port; <paramref name="options"/> are filled with that port, the sync directory and the pid file.</summary>
    public static async Task<MosquittoGateway> StartAsync(HubOptions hub, BrokerOptions options, Action firstSync)
    {
        var gateway = new MosquittoGateway();
        // CreateTempSubdirectory makes it 0700: mosquitto's user must reach the sync directory below (like /var/lib).
        File.SetUnixFileMode(gateway._root, (UnixFileMode)Convert.ToInt32("755", 8));
        Directory.CreateDirectory(gateway.SyncDirectory);
        await RunAsync("chown", ":mosquitto", gateway.SyncDirectory);
        File.SetUnixFileMode(gateway.SyncDirectory, (UnixFileMode)Convert.ToInt32("2750", 8));
        options.Mode = BrokerMode.External;
        options.External.Host = "127.0.0.1";
        options.External.SyncDirectory = gateway.SyncDirectory;
        options.External.PidFile = gateway.PidFile;
        firstSync();

        var confDir = Path.Combine(gateway._root, "conf");
        (gateway.Mosquitto, gateway.Port) = await PortRetry.StartAsync(port =>
        {
            options.Port = port;
            options.External.Port = port;
            Directory.CreateDirectory(confDir);
            var conf = Path.Combine(confDir, "mosquitto.conf");
            File.WriteAllText(conf, MosquittoConfigExporter.IncludeConfig(hub, options));
            return MosquittoProcess.StartAsync(conf);
        });
        await File.WriteAllTextAsync(gateway.PidFile, gateway.Mosquitto.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return gateway;
    }

    public async ValueTask DisposeAsync()
    {
        if (Mosquitto is not null)
        {
            await Mosquitto.DisposeAsync();
        }

        Directory.Delete(_root, recursive: true);
    }

    private static async Task RunAsync(string program, params string[] args)
    {
        using var process = Process.Start(program, args);
        await process.WaitForExitAsync();
        process.ExitCode.Should().Be(0, $"{program} {string.Join(' ', args)}");
    }
}
