using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging;
using TanKy.Hub.Shared.Data;

namespace TanKy.Hub.Hosting.Systemd;

/// <summary>
/// Sends <c>WATCHDOG=1</c> through <see cref="ISystemdNotifier"/> at half of <c>WatchdogSec</c>
/// (Microsoft.Extensions.Hosting.Systemd itself sends only READY/STOPPING). Each ping first runs
/// <c>SELECT 1</c> on the database, so a hub whose thread pool is stuck or whose database cannot be
/// opened stops pinging and systemd restarts it. Does nothing unless systemd asked for pings.
/// </summary>
internal sealed class SystemdWatchdog : BackgroundService
{
    private static readonly ServiceState Ping = new("WATCHDOG=1");
    private readonly SystemdWatchdogSettings? _settings;
    private readonly ISystemdNotifier _notifier;
    private readonly Database _db;
    private readonly TimeProvider _time;
    private readonly ILogger<SystemdWatchdog> _logger;

    // UseSystemd() registers the notifier only when systemd is the parent process; a hub started
    // by a wrapper under systemd still gets NOTIFY_SOCKET, so fall back to a notifier of our own.
    public SystemdWatchdog(Database db, TimeProvider time, ILogger<SystemdWatchdog> logger, ISystemdNotifier? notifier = null)
        : this(SystemdWatchdogSettings.FromEnvironment(Environment.GetEnvironmentVariable, Environment.ProcessId), notifier ?? new SystemdNotifier(), db, time, logger)
    {
    }

    internal SystemdWatchdog(SystemdWatchdogSettings? settings, ISystemdNotifier notifier, Database db, TimeProvider time, ILogger<SystemdWatchdog> logger)
    {
        _settings = settings;
        _notifier = notifier;
        _db = db;
        _time = time;
        _logger = logger;
    }

    public long Pings { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_settings is null || !_notifier.IsEnabled)
        {
            return;
        }

        _logger.LogInformation("systemd watchdog: pinging every {Interval} (WatchdogSec {Timeout})", _settings.PingInterval, _settings.Timeout);
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

                _notifier.Notify(Ping);
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
