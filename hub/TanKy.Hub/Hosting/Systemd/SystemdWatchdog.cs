using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TanKy.Hub.Shared.Data;

namespace TanKy.Hub.Hosting.Systemd;

/// <summary>
/// Sends <c>WATCHDOG=1</c> to systemd at half of <c>WatchdogSec</c> (Microsoft.Extensions.Hosting.Systemd
/// sends only READY/STOPPING). Each ping first runs <c>SELECT 1</c> on the database, so a hub whose
/// thread pool is stuck or whose database cannot be opened stops pinging and systemd restarts it.
/// Does nothing unless systemd asked for pings.
/// </summary>
internal sealed class SystemdWatchdog : BackgroundService
{
    private static readonly byte[] Ping = Encoding.ASCII.GetBytes("WATCHDOG=1");
    private readonly SystemdWatchdogSettings? _settings;
    private readonly Database _db;
    private readonly TimeProvider _time;
    private readonly ILogger<SystemdWatchdog> _logger;

    public SystemdWatchdog(Database db, TimeProvider time, ILogger<SystemdWatchdog> logger)
        : this(SystemdWatchdogSettings.FromEnvironment(Environment.GetEnvironmentVariable, Environment.ProcessId), db, time, logger)
    {
    }

    internal SystemdWatchdog(SystemdWatchdogSettings? settings, Database db, TimeProvider time, ILogger<SystemdWatchdog> logger)
    {
        _settings = settings;
        _db = db;
        _time = time;
        _logger = logger;
    }

    public long Pings { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_settings is null)
        {
            return;
        }

        _logger.LogInformation("systemd watchdog: pinging every {Interval} (WatchdogSec {Timeout})", _settings.PingInterval, _settings.Timeout);
        using var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);

        // A leading '@' names a socket in the abstract namespace (sd_notify(3)).
        var path = _settings.Socket.StartsWith('@') ? "\0" + _settings.Socket[1..] : _settings.Socket;
        var endpoint = new UnixDomainSocketEndPoint(path);
        using var timer = new PeriodicTimer(_settings.PingInterval, _time);
        do
        {
            try
            {
                using (var c = _db.Open())
                using (var cmd = c.CreateCommand())
                {
                    cmd.CommandText = "SELECT 1";
                    cmd.ExecuteScalar();
                }

                await socket.SendToAsync(Ping, SocketFlags.None, endpoint, stoppingToken);
                Pings++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // No ping this round: if it persists, systemd's restart is the cure.
                _logger.LogWarning("systemd watchdog ping skipped: {Error}", ex.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

public static class SystemdWatchdogRegistration
{
    public static IServiceCollection AddSystemdWatchdog(this IServiceCollection services)
    {
        services.AddHostedService<SystemdWatchdog>();
        return services;
    }
}
