using System.Net;
using System.Text;
using MQTTnet.Server;

namespace TanKy.EndToEnd.Tests.Simulator;

/// <summary>
/// A real in-process MQTTnet 5 broker on 127.0.0.1 for one test, with an ordered log of what
/// clients did (connect, publish, disconnect) so tests can check order, e.g. offline before DISCONNECT.
/// It binds port 0 itself and reports the port it got in <see cref="Port"/>.
/// </summary>
internal sealed class TestBroker : IAsyncDisposable
{
    private readonly MqttServer _server;
    private readonly MqttServerOptions _options;
    private readonly Lock _gate = new();
    private readonly List<string> _log = [];
    private readonly List<(Func<string, bool> Match, TaskCompletionSource<string> Done)> _waiters = [];

    private TestBroker(int port)
    {
        _options = new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(IPAddress.Loopback)
            .WithDefaultEndpointBoundIPV6Address(IPAddress.None) // else a second listener on [::] must get the same port too
            .WithDefaultEndpointPort(port)
            .Build();
        _server = new MqttServerFactory().CreateMqttServer(_options);
        _server.ClientConnectedAsync += e => Record($"connect {e.ClientId}");
        _server.ClientDisconnectedAsync += e => Record($"disconnect {e.ClientId} {e.DisconnectType}");
        _server.InterceptingPublishAsync += e =>
            Record($"publish {e.ClientId} {e.ApplicationMessage.Topic} {Encoding.UTF8.GetString(e.ApplicationMessage.Payload)}");
    }

    /// <summary>The port bound: MQTTnet's listener writes it back into the endpoint options (port 0: the OS's choice).</summary>
    public int Port => _options.DefaultEndpointOptions.Port;

    public IReadOnlyList<string> Log
    {
        get
        {
            lock (_gate)
            {
                return [.. _log];
            }
        }
    }

    /// <summary>Starts a broker on a port the OS picks, or on <paramref name="port"/> (a restart on the port nodes already use).</summary>
    public static async Task<TestBroker> StartAsync(int? port = null)
    {
        var broker = new TestBroker(port ?? 0);
        await broker._server.StartAsync();
        broker.Port.Should().BePositive("the listener reports the port it bound");
        return broker;
    }

    /// <summary>The first log line (past or future) matching <paramref name="match"/>.</summary>
    public async Task<string> WaitForLogAsync(Func<string, bool> match, TimeSpan? timeout = null)
    {
        var done = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            var past = _log.FirstOrDefault(match);
            if (past is not null)
            {
                return past;
            }

            _waiters.Add((match, done));
        }

        return await done.Task.WaitAsync(timeout ?? Waits.Default);
    }

    public Task StopAsync() => _server.StopAsync();

    public async ValueTask DisposeAsync()
    {
        await _server.StopAsync();
        _server.Dispose();
    }

    private Task Record(string line)
    {
        List<TaskCompletionSource<string>> hit = [];
        lock (_gate)
        {
            _log.Add(line);
            foreach (var w in _waiters.Where(w => w.Match(line)).ToList())
            {
                hit.Add(w.Done);
                _waiters.Remove(w);
            }
        }

        hit.ForEach(d => d.TrySetResult(line));
        return Task.CompletedTask;
    }
}
