using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using TanKy.Hub.Broadcasts.Sources;

namespace TanKy.Hub.Broadcasts.Relay;

/// <summary>
/// A relay (tiếp sóng) as a live <see cref="IAudioSource"/>: 20 ms PCM frames from an
/// <see cref="IPcmFeed"/>, levelled and encoded by <see cref="RelayMixer"/>, on a frame clock: a
/// frame the feed has not delivered by its time plus <see cref="RelayOptions.Slack"/> goes out as a
/// gap (silence), so speakers keep the stream whatever the source does.
/// <list type="bullet">
/// <item>The feed opens with the first stream and stays open until the broadcast ends
/// (<see cref="DisposeAsync"/>), so a resumed relay does not wait for a reconnection. A stream that
/// starts again after a pause (the relay was preempted) first drops what the feed holds from the
/// pause — the frames it hands over at once, at most as many as the pause lasted — and so starts at
/// the live point. Nothing reads the feed in between: no task and no timer run for a relay off the air.</item>
/// <item>Two streams of one broadcast (zones that became free at different times) share the frames:
/// whichever asks first produces the next one, the other takes it from a short ring; a stream that
/// starts joins at the newest frame.</item>
/// <item><see cref="RelayContent.Duration"/> counts from the first stream's start, on the clock:
/// time spent preempted is not made up at the end (a relay carries a programme as it happens).</item>
/// </list>
/// </summary>
public sealed class RelayAudioSource : IAudioSource, IAsyncDisposable
{
    private const int RingFrames = 256;
    private static readonly TimeSpan Frame = AudioSourceFormat.FrameDuration;

    private readonly RelaySource _source;
    private readonly RelayContent _content;
    private readonly IPcmFeedFactory _feeds;
    private readonly RelayOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly RelayMixer _mixer;
    private readonly SemaphoreSlim _produce = new(1, 1);
    private readonly object _readersGate = new();
    private readonly CancellationTokenSource _closing = new();
    private readonly ReadOnlyMemory<byte>[] _ring = new ReadOnlyMemory<byte>[RingFrames];
    private readonly float[] _feedBuffer = new float[AudioSourceFormat.FrameSamples];
    private readonly float[] _frame = new float[AudioSourceFormat.FrameSamples];
    private IPcmFeed? _feed;
    private Task<PcmFeedStatus>? _pending;
    private long _produced;
    private long _clockBase;
    private DateTimeOffset _clockStart;
    private DateTimeOffset? _endsAt;
    private int _readers;
    private DateTimeOffset? _idleSince;

    internal RelayAudioSource(
        RelaySource source, RelayContent content, string title, IPcmFeedFactory feeds, MediaPackets? fallback,
        RelayOptions options, TimeProvider time, RelayTotals totals, ILogger log)
    {
        (_source, _content, _feeds, _options, _time, _log) = (source, content, feeds, options, time, log);
        Title = title;
        Counters = new RelayCounters(totals);
        _mixer = new RelayMixer(options, fallback, Counters);
    }

    public string Title { get; }

    public long? TotalSamples => null;

    public int PreSkip => _mixer.PreSkip;

    public bool IsLive => true;

    public string SourceId => _source.Id;

    public string SourceName => _source.Name;

    internal RelayCounters Counters { get; }

    /// <summary>What the last frame carried.</summary>
    public RelayMode Mode => _mixer.Mode;

    /// <summary>The leveller's gain now (dB).</summary>
    public double GainDb => _mixer.Leveller.GainDb;

    /// <summary>The feed's own status; null before the first stream opened it.</summary>
    public PcmFeedStatusReport? FeedStatus => Volatile.Read(ref _feed)?.Status;

    public async IAsyncEnumerable<ReadOnlyMemory<byte>> ReadPacketsAsync(long fromFrame, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await JoinAsync(cancellationToken);
        try
        {
            var start = _time.GetUtcNow();
            _endsAt ??= _content.Duration is { } d ? start + d : null;

            // A stream resumed after its end time still sends a frame: a stream of nothing is refused.
            var limit = _endsAt is { } end ? Math.Max(1, (long)((end - start).Ticks / Frame.Ticks)) : long.MaxValue;
            var position = Volatile.Read(ref _produced);
            for (long sent = 0; sent < limit; sent++)
            {
                if (!await EnsureProducedAsync(position, cancellationToken))
                {
                    yield break;
                }

                position = Math.Max(position, Volatile.Read(ref _produced) - RingFrames);
                yield return _ring[position % RingFrames];
                position++;
            }
        }
        finally
        {
            Leave();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_closing.IsCancellationRequested)
        {
            return;
        }

        await _closing.CancelAsync();
        await _produce.WaitAsync();
        _produce.Release();
        if (Volatile.Read(ref _feed) is { } feed)
        {
            await feed.DisposeAsync();
        }
    }

    private async Task JoinAsync(CancellationToken ct)
    {
        await _produce.WaitAsync(ct);
        try
        {
            bool first;
            lock (_readersGate)
            {
                first = _readers++ == 0;
            }

            if (first)
            {
                try
                {
                    _feed ??= _feeds.Open(_source);
                }
                catch
                {
                    // No feed, no stream: this reader never joined.
                    Leave();
                    throw;
                }

                DropBacklog();
                (_clockStart, _clockBase) = (_time.GetUtcNow(), _produced);
            }
        }
        finally
        {
            _produce.Release();
        }
    }

    // Without the production lock: a stream that ends must not wait for another one's feed read.
    private void Leave()
    {
        lock (_readersGate)
        {
            if (--_readers == 0)
            {
                _idleSince = _time.GetUtcNow();
            }
        }
    }

    /// <summary>
    /// After a pause: reads and drops the frames the feed already holds (those it hands over without
    /// waiting), at most as many as the pause lasted, so the stream starts at what the source sends now.
    /// </summary>
    private void DropBacklog()
    {
        DateTimeOffset since;
        lock (_readersGate)
        {
            if (_idleSince is not { } idle || _closing.IsCancellationRequested)
            {
                return;
            }

            (since, _idleSince) = (idle, null);
        }

        var frames = (_time.GetUtcNow() - since).Ticks / Frame.Ticks;
        for (long i = 0; i < frames; i++)
        {
            _pending ??= _feed!.ReadFrameAsync(_feedBuffer, _closing.Token).AsTask();
            if (!_pending.IsCompleted)
            {
                return;
            }

            _pending = null;
        }
    }

    /// <summary>Makes frame <paramref name="position"/> exist (producing it when this reader is the first to ask); false when the relay is closing.</summary>
    private async Task<bool> EnsureProducedAsync(long position, CancellationToken ct)
    {
        if (position < Volatile.Read(ref _produced))
        {
            return true;
        }

        await _produce.WaitAsync(ct);
        try
        {
            if (position < _produced)
            {
                return true;
            }

            var due = _clockStart + (Frame * (_produced - _clockBase + 1)) + _options.Slack;
            if (await ReadFeedAsync(due, ct) is not { } status)
            {
                return false;
            }

            _ring[_produced % RingFrames] = _mixer.Next(status, _frame);
            Volatile.Write(ref _produced, _produced + 1);
            return true;
        }
        finally
        {
            _produce.Release();
        }
    }

    /// <summary>The next feed frame into <see cref="_frame"/>, or a gap when it is not there by <paramref name="due"/>; null when closing.</summary>
    private async Task<PcmFeedStatus?> ReadFeedAsync(DateTimeOffset due, CancellationToken ct)
    {
        if (_closing.IsCancellationRequested)
        {
            return null;
        }

        // The read outlives a frame it missed (and the stream that started it): the token is the relay's own.
        _pending ??= _feed!.ReadFrameAsync(_feedBuffer, _closing.Token).AsTask();
        var wait = due - _time.GetUtcNow();
        if (!_pending.IsCompleted && wait > TimeSpan.Zero)
        {
            using var timer = CancellationTokenSource.CreateLinkedTokenSource(ct);
            await Task.WhenAny(_pending, Task.Delay(wait, _time, timer.Token));
            await timer.CancelAsync();
            ct.ThrowIfCancellationRequested();
        }

        if (!_pending.IsCompleted)
        {
            Array.Clear(_frame);
            return PcmFeedStatus.Gap;
        }

        var read = _pending;
        _pending = null;
        if (read.IsCompletedSuccessfully)
        {
            _feedBuffer.CopyTo(_frame, 0);
            return read.Result;
        }

        if (_closing.IsCancellationRequested)
        {
            return null;
        }

        // A feed must not fail (it turns trouble into gaps); if it does, the frame is a gap and the next read tries again.
        _log.LogWarning(read.Exception?.GetBaseException(), "Relay of {Source}: a feed read failed", _source.Id);
        Array.Clear(_frame);
        return PcmFeedStatus.Gap;
    }
}
