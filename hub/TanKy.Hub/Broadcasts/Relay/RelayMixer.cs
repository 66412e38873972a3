using Concentus;
using TanKy.Hub.Broadcasts.Sources;

namespace TanKy.Hub.Broadcasts.Relay;

/// <summary>What a relay frame carried.</summary>
public enum RelayMode
{
    /// <summary>Levelled source audio.</summary>
    Source,

    /// <summary>A gap in the source, sent as silence so the speakers keep the stream.</summary>
    Silence,

    /// <summary>The fallback clip, after the source stayed down for <see cref="RelayOptions.FallbackAfter"/>.</summary>
    Fallback,
}

/// <summary>
/// One relay's frames, decided one at a time with no clock (so tests count them exactly): source
/// audio is levelled and encoded as live voice is (Concentus, the broadcast settings); a gap frame
/// goes out as encoded silence; after <see cref="RelayOptions.FallbackAfter"/> of continuous gap the
/// fallback clip plays in a loop (with <see cref="RelayOptions.FallbackGap"/> of silence between);
/// once the source has sent <see cref="RelayOptions.ReturnAfter"/> of audio again the next frame is
/// the source's, cutting the clip at that frame boundary: the relayed programme matters more than
/// the end of an apology. Not thread-safe: one stream reads a relay at a time.
/// </summary>
internal sealed class RelayMixer
{
    private readonly IOpusEncoder _encoder = SignalEncoder.CreateEncoder();
    private readonly byte[] _buffer = new byte[1275];
    private readonly float[] _silence = new float[AudioSourceFormat.FrameSamples];
    private readonly RelayLeveller _leveller;
    private readonly MediaPackets? _fallback;
    private readonly RelayCounters _counters;
    private readonly int _fallbackAfter;
    private readonly int _returnAfter;
    private readonly int _dropoutAfter;
    private readonly int _fallbackGap;
    private long _gapRun;
    private long _audioRun;
    private int _clipAt;

    public RelayMixer(RelayOptions options, MediaPackets? fallback, RelayCounters counters)
    {
        _leveller = new RelayLeveller(options);
        _fallback = fallback is { Packets.Count: > 0 } ? fallback : null;
        _counters = counters;
        _fallbackAfter = options.Frames(options.FallbackAfter);
        _returnAfter = Math.Max(1, options.Frames(options.ReturnAfter));
        _dropoutAfter = Math.Max(1, options.Frames(options.DropoutMinimum));
        _fallbackGap = options.Frames(options.FallbackGap);
    }

    /// <summary>Encoder look-ahead (the stream's pre-skip).</summary>
    public int PreSkip => _encoder.Lookahead;

    public RelayMode Mode { get; private set; } = RelayMode.Source;

    public RelayLeveller Leveller => _leveller;

    /// <summary>The packet for the next frame; <paramref name="pcm"/> (960 samples) is the feed's frame and is levelled in place.</summary>
    public ReadOnlyMemory<byte> Next(PcmFeedStatus status, Span<float> pcm)
    {
        if (status == PcmFeedStatus.Audio)
        {
            _audioRun++;
            _gapRun = 0;
        }
        else
        {
            _gapRun++;
            _audioRun = 0;
            if (_gapRun == _dropoutAfter)
            {
                _counters.Dropout();
            }
        }

        if (Mode == RelayMode.Fallback && _audioRun < _returnAfter)
        {
            return FallbackFrame();
        }

        if (status == PcmFeedStatus.Audio)
        {
            Mode = RelayMode.Source;
            _leveller.Process(pcm);
            _counters.Frame(RelayMode.Source, Level(pcm));
            return Encode(pcm);
        }

        if (_fallback is not null && _gapRun > _fallbackAfter)
        {
            Mode = RelayMode.Fallback;
            _clipAt = 0;
            _counters.FallbackSwitch();
            return FallbackFrame();
        }

        Mode = RelayMode.Silence;
        _counters.Frame(RelayMode.Silence, null);
        return Encode(_silence);
    }

    private ReadOnlyMemory<byte> FallbackFrame()
    {
        var clip = _fallback!;
        var at = _clipAt;
        _clipAt = (_clipAt + 1) % (clip.Packets.Count + _fallbackGap);
        _counters.Frame(RelayMode.Fallback, null);
        return at < clip.Packets.Count ? clip.Packets[at] : Encode(_silence);
    }

    private ReadOnlyMemory<byte> Encode(ReadOnlySpan<float> pcm)
    {
        var length = _encoder.Encode(pcm, AudioSourceFormat.FrameSamples, _buffer, _buffer.Length);
        return _buffer.AsSpan(0, length).ToArray();
    }

    private static double Level(ReadOnlySpan<float> pcm)
    {
        var sum = 0.0;
        foreach (var x in pcm)
        {
            sum += x * x;
        }

        return sum / pcm.Length;
    }
}
