using System.Net;
using System.Net.Sockets;

namespace TanKy.DeviceSim.Faults;

/// <summary>
/// A loopback TCP relay between one node and its broker, for link faults a socket reset
/// cannot express: <see cref="Cut"/> drops every connection and refuses new ones until
/// <see cref="Restore"/> (a hamlet's 4G cell going down), and <see cref="Latency"/> plus up to
/// <see cref="Jitter"/> delays every chunk in both directions (a 4G radio's variable delay; the
/// byte order is kept, as TCP keeps it). Only nodes that ask for it get one.
/// </summary>
public sealed class LinkProxy : IAsyncDisposable
{
    private readonly DnsEndPoint _upstream;
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly List<Socket> _open = [];
    private Task? _acceptLoop;
    private volatile bool _cut;

    public LinkProxy(string upstreamHost, int upstreamPort)
    {
        _upstream = new DnsEndPoint(upstreamHost, upstreamPort);
    }

    /// <summary>Port on 127.0.0.1 the node connects to instead of the broker.</summary>
    public int Port { get; private set; }

    public bool IsCut => _cut;

    /// <summary>One-way delay added to every chunk relayed, in both directions.</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>Uniform extra delay 0..jitter per chunk on top of <see cref="Latency"/>.</summary>
    public TimeSpan Jitter { get; set; }

    public void Start()
    {
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _acceptLoop = AcceptLoopAsync(_stop.Token);
    }

    /// <summary>Resets every relayed connection (both sides) and refuses new ones.</summary>
    public void Cut()
    {
        _cut = true;
        Socket[] open;
        lock (_gate)
        {
            open = [.. _open];
            _open.Clear();
        }

        foreach (var s in open)
        {
            Reset(s);
        }
    }

    public void Restore() => _cut = false;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        Cut();
        if (_acceptLoop is not null)
        {
            await _acceptLoop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        _stop.Dispose();
    }

    private async Task AcceptLoopAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(ct);
            }
            catch (Exception) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException)
            {
                continue;
            }

            if (_cut)
            {
                Reset(client);
                continue;
            }

            _ = RelayAsync(client, ct);
        }
    }

    private async Task RelayAsync(Socket client, CancellationToken ct)
    {
        var upstream = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        client.NoDelay = true;
        Track(client);
        Track(upstream);
        try
        {
            await upstream.ConnectAsync(_upstream, ct);
            await Task.WhenAny(PumpAsync(client, upstream, ct), PumpAsync(upstream, client, ct));
        }
        catch (Exception)
        {
            // Connect refused or link cut: the node sees its connection die, which is the point.
        }
        finally
        {
            Reset(client);
            Reset(upstream);
            lock (_gate)
            {
                _open.Remove(client);
                _open.Remove(upstream);
            }
        }
    }

    private async Task PumpAsync(Socket from, Socket to, CancellationToken ct)
    {
        var buffer = new byte[16 * 1024];
        while (true)
        {
            var n = await from.ReceiveAsync(buffer, SocketFlags.None, ct);
            if (n == 0 || _cut)
            {
                return;
            }

            var delay = Latency + (Jitter * Random.Shared.NextDouble());
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, ct);
            }

            await to.SendAsync(buffer.AsMemory(0, n), SocketFlags.None, ct);
        }
    }

    private void Track(Socket s)
    {
        lock (_gate)
        {
            _open.Add(s);
        }
    }

    private static void Reset(Socket s)
    {
        try
        {
            s.LingerState = new LingerOption(true, 0);
        }
        catch (Exception)
        {
            // Disposed or never connected: Close below is still right.
        }

        s.Close();
    }
}
