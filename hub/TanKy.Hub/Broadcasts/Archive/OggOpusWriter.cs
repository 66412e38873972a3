namespace TanKy.Hub.Broadcasts.Archive;

/// <summary>
/// Streams Opus packets into an Ogg Opus file (RFC 7845) as they arrive. Page 0 holds only
/// OpusHead (BOS), the next page(s) only OpusTags, then audio pages of at most
/// <see cref="MaxPageSamples"/> of audio and about <see cref="MaxPageBytes"/> bytes. Every page
/// is flushed (and with <c>durable</c>, synced to disk) when written, so after a crash the file
/// is valid up to its last complete page and loses at most about one second.
/// </summary>
/// <remarks>
/// Granule positions count decoded 48 kHz samples from the start of the stream, pre-skip
/// included (RFC 7845 §4): a page carries the running total of the samples of every packet
/// completed on or before it. The last page carries pre-skip + the real source length, which
/// is less than the decoded total when the final packet is padded; players trim the excess.
/// A page is only written when the next packet arrives or at completion, so the last packet
/// is always on the last page and that trimming can be expressed.
/// </remarks>
internal sealed class OggOpusWriter
{
    public const int SampleRate = 48000;

    public const int MaxPageSamples = SampleRate;

    public const int MaxPageBytes = 4000;

    private readonly Stream _output;
    private readonly OggPageWriter _pages;
    private readonly bool _durable;
    private long _lastPageGranule;
    private int _pageSamples;
    private bool _completed;

    private OggOpusWriter(Stream output, OpusHead head, uint serial, bool durable)
    {
        _output = output;
        _pages = new OggPageWriter(output, serial);
        _durable = durable;
        Head = head;
    }

    public OpusHead Head { get; }

    public uint Serial => _pages.Serial;

    public long PacketCount { get; private set; }

    /// <summary>Decoded samples of all packets so far, pre-skip included (the running granule).</summary>
    public long Granule { get; private set; }

    /// <summary>Writes the two header pages and returns a writer ready for audio packets.</summary>
    /// <param name="durable">Sync every page to disk (for a <see cref="FileStream"/>): a power cut then loses at most one page.</param>
    public static async Task<OggOpusWriter> CreateAsync(
        Stream output, OpusHead head, OpusTags tags, uint serial, bool durable = false, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(head);
        ArgumentNullException.ThrowIfNull(tags);
        var writer = new OggOpusWriter(output, head, serial, durable);

        // Header pages carry granule 0; each header packet sits alone on its page(s).
        writer._pages.AddPacket(head.ToBytes(), 0);
        writer._pages.FlushPage();
        writer._pages.AddPacket(tags.ToBytes(), 0);
        writer._pages.FlushPage();
        await writer.PersistAsync(ct);
        return writer;
    }

    /// <summary>Adds one Opus packet of <paramref name="samples"/> samples at 48 kHz.</summary>
    public async ValueTask AppendAsync(ReadOnlyMemory<byte> packet, int samples, CancellationToken ct = default)
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        if (samples is <= 0 or > OpusPacket.MaxSamples)
        {
            throw new ArgumentOutOfRangeException(nameof(samples), samples, "an Opus packet holds 1–5760 samples at 48 kHz");
        }

        // Close the current page before this packet would make it longer than ~1 s or ~4 KB.
        if (_pages.PendingPackets > 0
            && (_pageSamples + samples > MaxPageSamples || _pages.PendingBodyBytes + packet.Length > MaxPageBytes))
        {
            _pages.FlushPage();
            _lastPageGranule = Granule;
            _pageSamples = 0;
            await PersistAsync(ct);
        }

        Granule += samples;
        PacketCount++;
        _pageSamples += samples;
        _pages.AddPacket(packet.Span, Granule);
    }

    /// <summary>
    /// Writes the last page with the EOS flag. With <paramref name="sourceSamples"/> (the real
    /// length of the input at 48 kHz) the final granule becomes pre-skip + that length, so the
    /// padding of the last packet is trimmed; the value is kept within what the RFC allows.
    /// Returns the final granule position.
    /// </summary>
    public async ValueTask<long> CompleteAsync(long? sourceSamples = null, CancellationToken ct = default)
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        _completed = true;
        var final = Granule;
        if (sourceSamples is { } source)
        {
            // Never below the previous page (granules must not go back) nor above what decodes.
            final = Math.Clamp(Head.PreSkip + Math.Max(0, source), _lastPageGranule, Granule);
        }

        _pages.SetPendingGranule(final);
        _pages.FlushPage(endOfStream: true);
        await PersistAsync(ct);
        return final;
    }

    private async ValueTask PersistAsync(CancellationToken ct)
    {
        if (_durable && _output is FileStream file)
        {
            file.Flush(flushToDisk: true);
        }
        else
        {
            await _output.FlushAsync(ct);
        }
    }
}
