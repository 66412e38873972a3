using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TanKy.Hub.Devices;
using TanKy.Hub.Media;
using TanKy.Hub.Schedules.Model;
using TanKy.Protocol;
using TanKy.Hub.Shared.Web;

namespace TanKy.Hub.Schedules.Precache;

/// <summary>
/// Tells speaker nodes what to cache ahead of airtime through the desired-state key <c>cache</c>
/// (retained, so a node that reconnects still learns it), and grants each node the downloads it
/// was told about. Published only when a node's list changes. protocol.md §4.11.
/// </summary>
internal sealed class PrecachePublisher(
    ProgrammeStore store,
    DeviceRegistry devices,
    DesiredStateService desired,
    MediaLibrary media,
    StreamFileInfo files,
    PrecacheGrants grants,
    Relays.RecordedClips recorded,
    IOptions<ScheduleOptions> options,
    IConfiguration config,
    IServiceProvider services,
    TimeProvider time,
    ILogger<PrecachePublisher> log) : IHostedService, IDisposable
{
    /// <summary>Room left for the other desired keys inside the 4 096-byte message limit.</summary>
    public const int MaxCacheJsonBytes = 2600;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, string> _published = new(StringComparer.Ordinal);
    private readonly HashSet<string> _unpublished = new(StringComparer.Ordinal);
    private ITimer? _timer;
    private CancellationTokenRegistration _started;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        store.Changed += OnChanged;
        if (BaseUrl() is null)
        {
            // Http:Urls on port 0: the download URLs exist once Kestrel has bound; publish then.
            _started = services.GetService<IHostApplicationLifetime>()?.ApplicationStarted.Register(() => _ = PublishQuietlyAsync()) ?? default;
        }

        var every = options.Value.RefreshInterval;
        _timer = time.CreateTimer(_ => _ = PublishQuietlyAsync(), null, TimeSpan.Zero, every);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        store.Changed -= OnChanged;
        _started.Dispose();
        _timer?.Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _started.Dispose();
        _timer?.Dispose();
        _gate.Dispose();
    }

    /// <summary>Computes every speaker's list and publishes those that changed. Returns how many were published.</summary>
    public async Task<int> PublishAsync(CancellationToken ct = default)
    {
        if (store.Current is not { } set || BaseUrl() is not { } baseUrl)
        {
            return 0;
        }

        await _gate.WaitAsync(ct);
        try
        {
            var speakers = devices.List(kind: DeviceKind.Speaker);
            var byZone = speakers.SelectMany(d => d.Zones.Select(z => (z, d.Id))).GroupBy(x => x.z, x => x.Id, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.ToList(), StringComparer.Ordinal);
            var plan = PrecachePlanner.Plan(set, time.GetUtcNow(), options.Value.PrecacheLead, byZone, Describe, (device, media) => Url(baseUrl, device, media),
                (p, start) => recorded.ForPrecache(p.Content, start));
            var count = 0;
            foreach (var device in speakers)
            {
                count += await PublishOneAsync(device.Id, plan.GetValueOrDefault(device.Id) ?? [], ct) ? 1 : 0;
            }

            return count;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<bool> PublishOneAsync(string deviceId, List<PrecacheItem> items, CancellationToken ct)
    {
        var array = Fit(items);
        var json = array.ToJsonString();
        if (!_published.TryGetValue(deviceId, out var last) && !_unpublished.Contains(deviceId))
        {
            last = desired.GetDesired(deviceId)?.State["cache"]?.ToJsonString() ?? "[]";
        }

        if (last is not null && last == json)
        {
            _published[deviceId] = json;
            return false;
        }

        var until = items.Count == 0 ? time.GetUtcNow() : DateTimeOffset.FromUnixTimeMilliseconds(items.Max(i => i.At) / 1000) + TimeSpan.FromHours(2);
        grants.Grant(deviceId, items.Select(i => (i.Media, until)).Distinct());
        try
        {
            await desired.SetAsync(deviceId, new JsonObject { ["cache"] = array }, "schedules", ct);
        }
        catch (InvalidOperationException ex)
        {
            // Stored but not published (MQTT link down): forget it so the next refresh sends it again.
            _published.Remove(deviceId);
            _unpublished.Add(deviceId);
            log.LogWarning("Cache order for {Device} not sent yet: {Reason}", deviceId, ex.Message);
            return false;
        }

        _unpublished.Remove(deviceId);
        _published[deviceId] = json;
        log.LogInformation("Told {Device} to cache {Count} clips", deviceId, array.Count);
        return true;
    }

    /// <summary>Earliest items first, as many as fit: later ones follow at the next refresh, once these have aired.</summary>
    private static JsonArray Fit(List<PrecacheItem> items)
    {
        var array = new JsonArray();
        var bytes = 2;
        foreach (var item in items.OrderBy(i => i.At).ThenBy(i => i.Media, StringComparer.Ordinal))
        {
            var node = JsonSerializer.SerializeToNode(new { stream = item.Stream, media = item.Media, sha256 = item.Sha256, size = item.Size, at = item.At, url = item.Url })!;
            bytes += node.ToJsonString().Length + 1;
            if (bytes > MaxCacheJsonBytes)
            {
                break;
            }

            array.Add(node);
        }

        return array;
    }

    private (long, string, TimeSpan)? Describe(string mediaId) =>
        media.Get(mediaId) is { } item && files.Describe(mediaId) is { } f ? (f.Size, f.Sha256, TimeSpan.FromMilliseconds(item.DurationMs)) : null;

    /// <summary>Null while the hub's own HTTP address is not known yet (configured on port 0, not bound yet).</summary>
    private string? BaseUrl() => options.Value.PrecacheBaseUrl ?? HubHttpAddress.First(config, services);

    private static string Url(string baseUrl, string deviceId, string mediaId) =>
        $"{baseUrl.TrimEnd('/')}/api/v1/devices/{deviceId}/media/{mediaId}/stream";

    private void OnChanged(object? sender, ProgrammeSet set) => _ = PublishQuietlyAsync();

    private async Task PublishQuietlyAsync()
    {
        try
        {
            await PublishAsync();
        }
        catch (Exception ex)
        {
            log.LogError(ex, "Could not publish pre-cache orders; retrying at the next refresh");
        }
    }
}
