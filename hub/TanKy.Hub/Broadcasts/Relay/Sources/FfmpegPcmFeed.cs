using System.Runtime.InteropServices;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace TanKy.Hub.Broadcasts.Relay.Sources;

/// <summary>
/// A source decoded by a supervised ffmpeg child (48 kHz mono f32le on its stdout). A supervisor
/// task runs one ffmpeg at a time: when it exits or stalls it is killed, and after a backoff
/// (doubling while attempts give no audio) the next URL is tried, wrapping. Decoded frames wait in
/// a queue of about a second that drops its oldest frame when full, so a burst (Icecast sends
/// seconds at connect) or a slow reader cannot make the relay lag further and further behind.
/// The reader's frame clock rules: a frame not there within a short slack is a Gap (silence),
/// so a dead source never holds a broadcast up.
/// </summary>
internal sealed class FfmpegPcmFeed : IPcmFeed
{
    private const int FrameSamples = FfmpegArguments.FrameSamples;
    private const int FramesPerSecond = FfmpegArguments.SampleRate / FrameSamples;

    private readonly RelaySource _source;
    private readonly RelaySourceOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly Channel<float[]> _frames;
    private readonly CancellationTokenSource _life = new();
    private readonly Lock _gate = new();
    private readonly double[] _energies = new double[FramesPerSecond];
    private readonly Task _supervisor;
    private FfmpegChild? _child;
    private string? _url;
    private bool _receiving;
    private int _dropouts;
    private int _energyCount;
    private int _energyNext;
    private Task<bool>? _pendingWait;
    private int _disposed;

    public FfmpegPcmFeed(RelaySource source, RelaySourceOptions options, TimeProvider time, ILogger log)
    {
        if (source.Urls.Count == 0)
        {
            throw new ArgumentException("a relay source needs at least one URL", nameof(source));
        }

        (_source, _options, _time, _log) = (source, options, time, log);
        var capacity = Math.Max(1, (int)Math.Round(options.BufferSeconds * FramesPerSecond));
        _frames = Channel.CreateBounded<float[]>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
            SingleWriter = true,
        });
        _supervisor = Task.Run(SuperviseAsync);
    }

    public PcmFeedStatusReport Status
    {
        get
        {
            lock (_gate)
            {
                double? level = null;
                if (_receiving && _energyCount > 0)
                {
                    var mean = _energies.Take(_energyCount).Average();
                    level = mean > 0 ? Math.Round(10 * Math.Log10(mean), 1) : -120;
                }

                return new PcmFeedStatusReport(_url, _receiving, _dropouts, level);
            }
        }
    }

    /// <summary>The ffmpeg running now (tests check that none is left after dispose).</summary>
    internal int? ProcessId
    {
        get
        {
            lock (_gate)
            {
                return _child?.Id;
            }
        }
    }

    public async ValueTask<PcmFeedStatus> ReadFrameAsync(Memory<float> frame, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (frame.Length != FrameSamples)
        {
            throw new ArgumentException($"a frame is {FrameSamples} samples", nameof(frame));
        }

        if (TryTake(frame.Span))
        {
            return PcmFeedStatus.Audio;
        }

        // One wait for "a frame arrived" is kept across calls (a gap frame does not leave one behind per call).
        var arrived = _pendingWait ??= _frames.Reader.WaitToReadAsync(_life.Token).AsTask();
        if (!arrived.IsCompleted)
        {
            using var slack = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var timeout = Task.Delay(_options.FrameSlack, _time, slack.Token);
            await Task.WhenAny(arrived, timeout).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            await slack.CancelAsync().ConfigureAwait(false);
        }

        if (arrived.IsCompleted)
        {
            _pendingWait = null;
        }

        if (TryTake(frame.Span))
        {
            return PcmFeedStatus.Audio;
        }

        frame.Span.Clear();
        return PcmFeedStatus.Gap;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _life.CancelAsync().ConfigureAwait(false);
        lock (_gate)
        {
            _child?.Kill();
        }

        try
        {
            await _supervisor.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            _log.LogWarning(ex, "Relay {Source}: supervisor ended with an error", _source.Id);
        }

        _life.Dispose();
    }

    private bool TryTake(Span<float> frame)
    {
        if (!_frames.Reader.TryRead(out var samples))
        {
            return false;
        }

        samples.CopyTo(frame);
        return true;
    }

    private async Task SuperviseAsync()
    {
        var ct = _life.Token;
        var index = 0;
        var backoff = _options.InitialBackoff;
        while (!ct.IsCancellationRequested)
        {
            var url = _source.Urls[index];
            var gotAudio = false;
            try
            {
                gotAudio = await RunOnceAsync(url, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                // ffmpeg missing or not startable: the same wait as a dead URL, so the log is not flooded.
                _log.LogWarning("Relay {Source}: could not read {Url}: {Error}", _source.Id, RelaySourceRules.Redact(url), ex.Message);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            SetDown();
            if (ct.IsCancellationRequested)
            {
                break;
            }

            if (gotAudio)
            {
                backoff = _options.InitialBackoff;
            }

            index = (index + 1) % _source.Urls.Count;
            try
            {
                await Task.Delay(backoff, _time, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            if (!gotAudio)
            {
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _options.MaxBackoff.Ticks));
            }
        }
    }

    /// <summary>One ffmpeg on one URL until it exits, stalls or the feed closes; true when it gave audio.</summary>
    private async Task<bool> RunOnceAsync(string url, CancellationToken ct)
    {
        FfmpegChild child;
        lock (_gate)
        {
            ct.ThrowIfCancellationRequested();
            child = FfmpegChild.Start(_options, _source.Id, url, _log);
            _child = child;
        }

        using var _ = child;
        var stalled = false;
        var gotAudio = false;
        // No byte for Stall: kill the process, which ends the read (the timer runs on the injected clock).
        using var watchdog = new CancellationTokenSource(Timeout.InfiniteTimeSpan, _time);
        using var onStall = watchdog.Token.Register(() =>
        {
            stalled = !ct.IsCancellationRequested;
            child.Kill();
        });
        using var onClose = ct.Register(child.Kill);
        try
        {
            var shown = RelaySourceRules.Redact(url);
            gotAudio = await child.ReadFramesAsync(
                buffer =>
                {
                    Publish(buffer);
                    if (!gotAudio)
                    {
                        gotAudio = true;
                        SetUp(shown);
                    }
                },
                watchdog,
                _options.Stall).ConfigureAwait(false);
        }
        finally
        {
            await child.StopAsync().ConfigureAwait(false);
            lock (_gate)
            {
                _child = null;
            }
        }

        if (!ct.IsCancellationRequested)
        {
            _log.LogWarning(
                "Relay {Source}: {Url} {How} (exit {Code})",
                _source.Id,
                RelaySourceRules.Redact(url),
                stalled ? $"stalled (no data for {_options.StallSeconds} s)" : "ended",
                child.ExitCode ?? -1);
        }

        return gotAudio;
    }

    private void Publish(byte[] buffer)
    {
        var samples = new float[FrameSamples];
        MemoryMarshal.Cast<byte, float>(buffer).CopyTo(samples);
        double energy = 0;
        foreach (var s in samples)
        {
            energy += s * s;
        }

        lock (_gate)
        {
            _energies[_energyNext] = energy / FrameSamples;
            _energyNext = (_energyNext + 1) % _energies.Length;
            _energyCount = Math.Min(_energyCount + 1, _energies.Length);
        }

        _frames.Writer.TryWrite(samples);
    }

    private void SetUp(string url)
    {
        lock (_gate)
        {
            _receiving = true;
            _url = url;
        }

        _log.LogInformation("Relay {Source}: receiving {Url}", _source.Id, url);
    }

    // A transition receiving → not receiving is one dropout; a URL that never answered is none.
    private void SetDown()
    {
        lock (_gate)
        {
            if (_receiving)
            {
                _dropouts++;
            }

            _receiving = false;
            _url = null;
            _energyCount = 0;
            _energyNext = 0;
        }
    }
}
