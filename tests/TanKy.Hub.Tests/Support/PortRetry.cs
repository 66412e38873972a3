using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace TanKy.Hub.Tests.Support;

/// <summary>
/// Starts a program that cannot bind port 0 and report the port it got. Mosquitto 2.0.11 is one:
/// <c>listener 0 ADDRESS</c> means a unix socket at path ADDRESS there, and it logs no bound port.
/// A port picked for it can be taken by another process before it binds, so: pick one, start, and
/// when the program says "Address already in use" (<see cref="PortInUseException"/>), pick another
/// — at most <see cref="Attempts"/> times.
/// </summary>
public static class PortRetry
{
    public const int Attempts = 5;

    /// <summary>Runs <paramref name="start"/> with candidate ports until one starts; returns what it started and the port.</summary>
    public static async Task<(T Started, int Port)> StartAsync<T>(Func<int, Task<T>> start)
    {
        var taken = new List<int>();
        while (true)
        {
            var port = Candidate();
            try
            {
                return (await start(port), port);
            }
            catch (PortInUseException) when (taken.Count < Attempts - 1)
            {
                taken.Add(port);
            }
            catch (PortInUseException ex)
            {
                throw new InvalidOperationException($"no free port after {Attempts} attempts (taken: {string.Join(", ", taken.Append(port))})", ex);
            }
        }
    }

    /// <summary>
    /// A loopback port free at this instant, below the kernel's ephemeral range when there is room:
    /// ports the OS hands out (bind to port 0, outgoing connections) come from that range, so a
    /// port below it can only collide with another explicit choice like this one.
    /// </summary>
    public static int Candidate()
    {
        var low = EphemeralLow();
        for (var i = 0; i < 20 && low > 10_000; i++)
        {
            var port = Random.Shared.Next(10_000, low);
            if (IsFree(port))
            {
                return port;
            }
        }

        using var any = new TcpListener(IPAddress.Loopback, 0);
        any.Start();
        return ((IPEndPoint)any.LocalEndpoint).Port;
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var probe = new TcpListener(IPAddress.Loopback, port);
            probe.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int EphemeralLow()
    {
        try
        {
            var range = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries);
            return int.Parse(range[0], CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return 0;
        }
    }
}

/// <summary>The program could not bind its port: another process has it.</summary>
public sealed class PortInUseException(string detail) : Exception(detail);
