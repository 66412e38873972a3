using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using TanKy.DeviceSim.Audio;
using TanKy.DeviceSim.Clock;

namespace TanKy.DeviceSim.Cache;

/// <summary>
/// A speaker's programme cache (protocol.md §4.11): follows the desired key <c>cache</c>,
/// downloads each clip with the node's own credentials (HTTP Basic), keeps it in memory once its
/// size and SHA-256 match, reports <c>{media: downloading|ready|failed}</c> through
/// <paramref name="changed"/>, and plays each airing from the cache at its time.
/// </summary>
internal sealed class NodeCache : IDisposable
{
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan FirstTransientRetry = TimeSpan.FromSeconds(2);
    private readonly Lock _gate = new();
    private readonly Dictionary<string, CachedClip> _clips = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _states = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CancellationTokenSource> _airings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CachedAiringPlayback> _playing = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _life = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(60) };
    private readonly Func<CacheOrder, CancellationToken, Task<byte[]?>> _fetch;
    private readonly HubClockView _view;
    private readonly TimeProvider _time;
    private readonly SpeakerPlayer _player;
    private readonly Action _changed;
    private IReadOnlyList<CacheOrder> _orders = [];

    /// <param name="fetch">Gets a clip file's bytes (null: not available); by default an HTTP GET of its URL with the node's credentials. Driven tests hand the hub's file over directly.</param>
    public NodeCache(string deviceId, string secret, HubClockView view, TimeProvider time, SpeakerPlayer player, Action changed,
        Func<CacheOrder, CancellationToken, Task<byte[]?>>? fetch = null)
    {
        (_view, _time, _player, _changed) = (view, time, player, changed);
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(deviceId + ":" + secret)));
        _fetch = fetch ?? GetAsync;
    }

    /// <summary>A fault: keep a downloaded clip whatever its size and SHA-256 (§4.11 forbids it).</summary>
    public bool SkipsChecksum { get; init; }

    /// <summary>The <c>reported.state.cache</c> object: every media of the current order and its state.</summary>
    public JsonObject Report()
    {
        lock (_gate)
        {
            var o = new JsonObject();
            foreach (var media in _orders.Select(i => i.Media).Distinct(StringComparer.Ordinal))
            {
                o[media] = _states.GetValueOrDefault(media, CacheStates.Downloading);
            }

            return o;
        }
    }

    /// <summary>True while an airing of this stream id plays from the cache: the live frames of it are ignored (rule 4).</summary>
    public bool PlaysFromCache(string streamId)
    {
        lock (_gate)
        {
            return _playing.TryGetValue(streamId, out var p) && p.Started;
        }
    }

    public CachedClip? Clip(string media, string sha256)
    {
        lock (_gate)
        {
            return _clips.TryGetValue(media, out var clip) && clip.Sha256 == sha256 ? clip : null;
        }
    }

    /// <summary>A new desired snapshot: its <c>cache</c> value (null when absent). Starts downloads and schedules airings.</summary>
    public void OnDesired(JsonNode? value)
    {
        var orders = CacheOrder.ParseAll(value);
        var downloads = new List<CacheOrder>();
        lock (_gate)
        {
            _orders = orders;
            foreach (var order in orders.GroupBy(o => o.Media, StringComparer.Ordinal).Select(g => g.First()))
            {
                if (_clips.TryGetValue(order.Media, out var held) && held.Sha256 == order.Sha256)
                {
                    _states[order.Media] = CacheStates.Ready;
                }
                else if (_states.GetValueOrDefault(order.Media) != CacheStates.Downloading)
                {
                    _states[order.Media] = CacheStates.Downloading;
                    downloads.Add(order);
                }
            }

            // An airing the hub no longer orders, and that has not started, does not play.
            var ordered = orders.Select(o => o.Stream).ToHashSet(StringComparer.Ordinal);
            foreach (var gone in _airings.Keys.Where(k => !ordered.Contains(k) && !(_playing.TryGetValue(k, out var p) && p.Started)).ToList())
            {
                _airings[gone].Cancel();
                _airings.Remove(gone);
            }

            foreach (var airing in orders.GroupBy(o => o.Stream, StringComparer.Ordinal).Where(g => !_airings.ContainsKey(g.Key)))
            {
                var cts = CancellationTokenSource.CreateLinkedTokenSource(_life.Token);
                _airings[airing.Key] = cts;
                var playback = new CachedAiringPlayback(airing.Key, [.. airing.OrderBy(o => o.At)], this, _view, _time, _player);
                _ = PlayAsync(playback, cts.Token);
            }
        }

        // The caller publishes the reported state right after this; downloads report again as they end.
        downloads.ForEach(d => _ = DownloadAsync(d));
    }

    public void Dispose()
    {
        _life.Cancel();
        _http.Dispose();
        _life.Dispose();
    }

    private async Task PlayAsync(CachedAiringPlayback playback, CancellationToken ct)
    {
        try
        {
            lock (_gate)
            {
                _playing[playback.Stream] = playback;
            }

            // Not back on the caller's context: the playback ends on its own (timer) thread.
            await playback.RunAsync(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            lock (_gate)
            {
                if (_playing.TryGetValue(playback.Stream, out var current) && ReferenceEquals(current, playback))
                {
                    _playing.Remove(playback.Stream);
                }
            }
        }
    }

    private async Task DownloadAsync(CacheOrder order)
    {
        var transientRetry = FirstTransientRetry;
        while (!_life.IsCancellationRequested)
        {
            // Not back on the caller's context: a retry is the cache's own business (and runs inline on a test clock).
            var (clip, transient) = await TryDownloadAsync(order).ConfigureAwait(false);
            bool stillWanted;
            lock (_gate)
            {
                stillWanted = _orders.Any(o => o.Media == order.Media && o.Sha256 == order.Sha256);
                if (clip is not null)
                {
                    _clips[order.Media] = clip;
                }

                _states[order.Media] = clip is not null ? CacheStates.Ready : CacheStates.Failed;
            }

            _changed();
            if (clip is not null || !stillWanted)
            {
                return;
            }

            // A wrong or missing file is retried at most every minute, with jitter (protocol.md
            // §4.11). A transfer that broke off (connection refused or reset, timeout) is not the
            // file's fault: retried after 2 s, doubling up to the minute, so a passing network or
            // hub hiccup does not leave the node without its programme for a minute or more.
            var wait = transient ? transientRetry : RetryAfter;
            transientRetry = transient ? TimeSpan.FromTicks(Math.Min(transientRetry.Ticks * 2, RetryAfter.Ticks)) : transientRetry;
            try
            {
                await Task.Delay(wait + TimeSpan.FromMilliseconds(Random.Shared.Next(0, (int)(wait.TotalMilliseconds / 6))), _time, _life.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>The verified clip, or null with whether the failure was the transfer's (worth a quick retry) rather than the file's or a refusal.</summary>
    private async Task<(CachedClip? Clip, bool Transient)> TryDownloadAsync(CacheOrder order)
    {
        try
        {
            if (await _fetch(order, _life.Token).ConfigureAwait(false) is not { } bytes)
            {
                return (null, false);
            }

            var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
            if (SkipsChecksum)
            {
                return (CachedClip.TryRead(bytes, order.Sha256), false);
            }

            return (bytes.LongLength == order.Size && sha == order.Sha256 ? CachedClip.TryRead(bytes, sha) : null, false);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            return (null, true);
        }
    }

    private async Task<byte[]?> GetAsync(CacheOrder order, CancellationToken ct)
    {
        using var response = await _http.GetAsync(new Uri(order.Url), ct);
        return response.IsSuccessStatusCode ? await response.Content.ReadAsByteArrayAsync(ct) : null;
    }
}
