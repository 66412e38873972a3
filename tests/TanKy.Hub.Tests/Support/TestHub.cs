using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TanKy.Hub.Hosting;

namespace TanKy.Hub.Tests.Support;

/// <summary>
/// The real hub (embedded broker, SQLite, HTTP) on loopback ports the OS picks (port 0: the hub
/// binds them itself and reports them, so no other test can take them in between) over a test data
/// directory. Stop and start it again on the same directory to test restarts.
/// A test that seeds or asserts fixed dates (TempDataDir's clock) passes that clock as
/// <c>clock</c>: the hub then reads it instead of the system clock. Without one the hub runs on
/// <see cref="TimeProvider.System"/>, and the test's dates must be relative to it.
/// </summary>
public sealed class TestHub : IAsyncDisposable
{
    private bool _stopped;

    private TestHub(WebApplication app, string dataDir, int mqttPort)
    {
        App = app;
        DataDir = dataDir;
        MqttPort = mqttPort;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Http = new HttpClient { BaseAddress = new Uri(address) };
    }

    public WebApplication App { get; }

    public string DataDir { get; }

    public int MqttPort { get; }

    public HttpClient Http { get; }

    public IServiceProvider Services => App.Services;

    public T Get<T>() where T : notnull => App.Services.GetRequiredService<T>();

    /// <summary>
    /// Starts the hub. <paramref name="mqttPort"/>: the broker's port when it must be a known one
    /// (a restart on the port devices already use; or, in External mode, the outside broker's
    /// port, which is then what <see cref="MqttPort"/> reports); otherwise the OS picks it.
    /// <paramref name="clock"/>: what the hub reads as now; null is the system clock.
    /// </summary>
    public static async Task<TestHub> StartAsync(string dataDir, int? mqttPort = null, IDictionary<string, string>? settings = null, Action<WebApplicationBuilder>? customize = null, TimeProvider? clock = null)
    {
        var args = new Dictionary<string, string>
        {
            ["Hub:DataDir"] = dataDir,
            ["Broker:Port"] = (mqttPort ?? 0).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Broker:BindAddress"] = "127.0.0.1",
            ["Http:Urls"] = "http://127.0.0.1:0",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string>())
        {
            args[k] = v;
        }

        var app = HubHost.Build(args.Select(kv => $"--{kv.Key}={kv.Value}").ToArray(), b =>
        {
            b.Logging.SetMinimumLevel(LogLevel.Warning);
            if (clock is not null)
            {
                // Registered after the hub's own TimeProvider.System, so every service resolves this one.
                b.Services.AddSingleton(clock);
            }

            customize?.Invoke(b);
        });
        await app.StartAsync();

        // Like a running hub a moment after start: its own MQTT connection is up before tests publish.
        using var connected = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await app.Services.GetRequiredService<TanKy.Hub.Broker.HubMqttConnection>().WaitConnectedAsync(connected.Token);
        var port = mqttPort ?? (await app.Services.GetRequiredService<TanKy.Hub.Broker.IBrokerAddress>().WaitListeningAsync(connected.Token)).Plain.Port;
        return new TestHub(app, dataDir, port);
    }

    public HttpClient ClientWithToken(string token)
    {
        var client = new HttpClient { BaseAddress = Http.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await App.StopAsync(cts.Token);
    }

    public async ValueTask DisposeAsync()
    {
        // Disposing a host does not stop its hosted services: without a stop, Quartz's scheduler
        // thread would outlive the hub (and a restarted hub on the same data would have two).
        await StopAsync();
        Http.Dispose();
        await App.DisposeAsync();
    }
}
