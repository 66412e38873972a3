namespace TanKy.Hub.Broadcasts.Archive;

/// <summary>
/// A minimal Ogg Opus checker: verifies every page (capture pattern, CRC, sequence, serial),
/// parses OpusHead and OpusTags and counts the audio packets. It does not decode audio. A
/// file cut short is read up to its last intact page and reported through
/// <see cref="OggOpusFileInfo.StopReason"/>; only a file without valid headers throws.
/// </summary>
internal static class OggOpusReader
{
    public static OggOpusFileInfo ReadFile(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 16384);
        return Read(file);
    }

    /// <exception cref="InvalidDataException">The stream does not start with OpusHead and OpusTags pages.</exception>
    public static OggOpusFileInfo Read(Stream input)
    {
        var reader = new OggPageReader(input);
        var state = new ReadState();
        string? problem = null;
        while (problem is null && reader.Next() is { } page)
        {
            problem = state.Accept(page);
        }

        if (state.Head is null || state.Tags is null)
        {
            throw new InvalidDataException(
                "not an Ogg Opus file: " + (problem ?? reader.StopReason ?? "headers are missing"));
        }

        return new OggOpusFileInfo
        {
            Head = state.Head,
            Tags = state.Tags,
            Serial = state.Serial,
            PageCount = state.Pages,
            AudioPacketCount = state.AudioPackets,
            DecodedSamples = state.DecodedSamples,
            FinalGranule = state.FinalGranule,
            HasEndOfStream = state.EndOfStream,
            ValidLength = problem is null ? reader.ValidLength : state.LastGoodLength,
            StopReason = problem ?? reader.StopReason,
        };
    }

    /// <summary>Packet reassembly and structure checks across pages.</summary>
    private sealed class ReadState
    {
        private readonly MemoryStream _partial = new();
        private int _packets;

        public OpusHead? Head { get; private set; }

        public OpusTags? Tags { get; private set; }

        public uint Serial { get; private set; }

        public int Pages { get; private set; }

        public long AudioPackets { get; private set; }

        public long DecodedSamples { get; private set; }

        public long FinalGranule { get; private set; }

        public bool EndOfStream { get; private set; }

        public long LastGoodLength { get; private set; }

        // A last lacing value of 255 leaves the packet open for the next page.
        private bool PartialOpen { get; set; }

        /// <summary>Returns why the page is refused, or null when it was taken in.</summary>
        public string? Accept(OggPage page)
        {
            if (Pages == 0 && !page.Has(OggHeaderType.BeginOfStream))
            {
                return "first page lacks the BOS flag";
            }

            if (Pages == 0)
            {
                Serial = page.Serial;
            }
            else if (page.Serial != Serial || page.Has(OggHeaderType.BeginOfStream))
            {
                return $"page {page.Sequence} at byte {page.Offset} belongs to another stream (chained or multiplexed files are not supported)";
            }

            if (EndOfStream)
            {
                return $"data after the end-of-stream page at byte {page.Offset}";
            }

            if (page.Sequence != (uint)Pages)
            {
                return $"page {Pages} is missing (found {page.Sequence} at byte {page.Offset})";
            }

            if (page.Has(OggHeaderType.Continued) != PartialOpen)
            {
                return $"broken packet continuation at byte {page.Offset}";
            }

            var at = 0;
            for (var i = 0; i < page.Segments.Length; i++)
            {
                var lace = page.Segments[i];
                _partial.Write(page.Body, at, lace);
                at += lace;
                PartialOpen = lace == OggPage.MaxLacingValue;
                if (!PartialOpen && TakePacket(_partial.ToArray(), i == page.Segments.Length - 1) is { } error)
                {
                    return error;
                }

                if (!PartialOpen)
                {
                    _partial.SetLength(0);
                }
            }

            if (_packets >= 2 && page.GranulePosition != OggPage.NoGranule)
            {
                if (page.GranulePosition < FinalGranule)
                {
                    return $"granule position goes back at byte {page.Offset}";
                }

                FinalGranule = page.GranulePosition;
            }

            Pages++;
            EndOfStream = page.Has(OggHeaderType.EndOfStream);
            LastGoodLength = page.Offset + page.Length;
            return null;
        }

        private string? TakePacket(byte[] packet, bool lastOnPage)
        {
            _packets++;
            switch (_packets)
            {
                case 1:
                    Head = OpusHead.Parse(packet);
                    return lastOnPage ? null : "OpusHead is not alone on the first page";
                case 2:
                    Tags = OpusTags.Parse(packet);
                    return lastOnPage ? null : "OpusTags does not end its page";
                default:
                    AudioPackets++;
                    DecodedSamples += Math.Max(0, OpusPacket.GetSamples(packet));
                    return null;
            }
        }
    }
}
