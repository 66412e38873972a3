using System.Globalization;

namespace TanKy.Hub.Hosting.Systemd;

/// <summary>
/// What systemd asks for through the environment: the notify socket (<c>NOTIFY_SOCKET</c>) and,
/// with <c>WatchdogSec=</c> in the unit, the watchdog period (<c>WATCHDOG_USEC</c>, and
/// <c>WATCHDOG_PID</c> when only one process of the service may answer).
/// </summary>
internal sealed record SystemdWatchdogSettings(string Socket, TimeSpan Timeout)
{
    /// <summary>Pings go out at half the timeout, as sd_watchdog_enabled(3) recommends.</summary>
    public TimeSpan PingInterval => Timeout / 2;

    /// <summary>The settings when systemd wants watchdog pings from this process; otherwise null.</summary>
    public static SystemdWatchdogSettings? FromEnvironment(Func<string, string?> env, int processId)
    {
        var socket = env("NOTIFY_SOCKET");
        var usec = env("WATCHDOG_USEC");
        if (string.IsNullOrEmpty(socket) || !long.TryParse(usec, NumberStyles.None, CultureInfo.InvariantCulture, out var micros) || micros <= 0)
        {
            return null;
        }

        var pid = env("WATCHDOG_PID");
        if (!string.IsNullOrEmpty(pid) && pid != processId.ToString(CultureInfo.InvariantCulture))
        {
            return null;
        }

        return new SystemdWatchdogSettings(socket, TimeSpan.FromMicroseconds(micros));
    }
}
