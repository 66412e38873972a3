using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TanKy.Hub.Broker;
using TanKy.Hub.Shared;

namespace TanKy.Hub.Hosting;

/// <summary>
/// Writes <see cref="ListenFile"/> once the embedded broker listens, and again with the HTTP
/// addresses once the whole hub has started, then logs one line saying where the hub listens.
/// Registered after the broker, so the broker is listening when this starts.
/// </summary>
internal sealed class ListenFileWriter(
    IOptions<HubOptions> hub,
    IHostApplicationLifetime lifetime,
    IServiceProvider services,
    ILogger<ListenFileWriter> logger,
    IBrokerAddress? broker = null) : IHostedService
{
    private readonly string _path = ListenFile.PathIn(hub.Value.DataDir);
    private BrokerListeners? _mqtt;
    private CancellationTokenRegistration _started;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // A previous run's file (a killed hub does not remove it) must not pass for this run's.
        File.Delete(_path);
        if (broker is not null)
        {
            _mqtt = await broker.WaitListeningAsync(cancellationToken);
            Write(http: null);
        }

        _started = lifetime.ApplicationStarted.Register(OnStarted);
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _started.Dispose();
        return Task.CompletedTask;
    }

    private void OnStarted()
    {
        // Kestrel replaces the configured addresses with the bound ones (a real port for ":0").
        var http = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];
        Write(http);
        logger.LogInformation(
            "Hub listening: MQTT {Mqtt}{Tls}, HTTP {Http} (written to {File})",
            _mqtt?.Plain.ToString() ?? "external broker", _mqtt?.Tls is { } tls ? $", MQTT TLS {tls}" : "", string.Join(' ', http), _path);
    }

    private void Write(IReadOnlyList<string>? http)
    {
        var file = new ListenFile(Environment.ProcessId, Endpoint(_mqtt?.Plain), Endpoint(_mqtt?.Tls), http);
        try
        {
            // Whole or not at all for a reader (rename), but no fsync: the file says where this
            // process listens, which no power cut survives, and the start must not wait on the disk.
            var temp = _path + ".tmp";
            File.WriteAllText(temp, file.ToJson());
            File.Move(temp, _path, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Only a convenience for whoever started the hub: never a reason to stop it.
            logger.LogWarning("Could not write {File}: {Reason}", _path, ex.Message);
        }
    }

    private static ListenEndpoint? Endpoint(IPEndPoint? bound) => bound is null ? null : new ListenEndpoint(bound.Address.ToString(), bound.Port);
}

public static class ListenFileRegistration
{
    /// <summary>Registers the <c>listen.json</c> writer; call after <c>AddBroker</c>.</summary>
    public static IServiceCollection AddListenFile(this IServiceCollection services) =>
        services.AddHostedService<ListenFileWriter>();
}
