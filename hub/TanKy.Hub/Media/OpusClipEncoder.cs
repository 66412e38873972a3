using NAudio.Wave;

namespace TanKy.Hub.Media;

/// <summary>
/// Pass 2: decode again, apply gain and limiter, meter the result, encode 20 ms Opus frames and
/// write them to a packet file. The tail is padded with silence until the encoder has emitted
/// every real sample past its look-ahead, so nothing is cut at the end.
/// </summary>
internal static class OpusClipEncoder
{
    public static EncodeResult Encode(string sourcePath, ProbedAudio audio, double gainDb, MediaOptions options, Stream output, CancellationToken ct)
    {
        using var source = DecodedSource.Open(sourcePath, audio);
        var processed = new GainLimiterSampleProvider(source.Samples, gainDb, (float)options.CeilingLinear);
        return Encode(processed, options, output, ct) with { LimitedSamples = processed.LimitedSamples };
    }

    /// <summary>Encodes any mono 48 kHz source (also used by the benchmark).</summary>
    public static EncodeResult Encode(ISampleProvider mono48k, MediaOptions options, Stream output, CancellationToken ct)
    {
        if (options.FrameMs != 20)
        {
            throw new NotSupportedException("only 20 ms Opus frames are supported by stream.opuspk v1");
        }

        var encoder = OpusEncoderFactory.CreateEncoder(options);
        var frameSamples = options.FrameSamples;
        var preSkip = encoder.Lookahead;
        var streamProbe = new DecodedLoudnessProbe(preSkip, frameSamples, options.UseNativeOpus);
        var meter = new LoudnessMeter();
        var frame = new float[frameSamples];
        var packet = new byte[1275];
        var headerPosition = output.Position;
        output.Position += OpusPacketFile.HeaderSize;
        long samples = 0;
        var frames = 0;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            var read = Fill(mono48k, frame);
            samples += read;
            meter.Add(frame.AsSpan(0, read));
            var encodedSoFar = (long)frames * frameSamples;
            if (read == 0 && encodedSoFar >= samples + preSkip)
            {
                break;
            }

            frame.AsSpan(read).Clear();
            var length = encoder.Encode(frame, frameSamples, packet, packet.Length);
            OpusPacketFile.WritePacket(output, packet.AsSpan(0, length));
            frames++;
            streamProbe.Add(packet.AsSpan(0, length));
        }

        var end = output.Position;
        output.Position = headerPosition;
        var clip = new EncodedClip(MediaFormat.SampleRate, MediaFormat.Channels, frameSamples, preSkip, samples, options.OpusBitrate, []);
        OpusPacketFile.WriteHeader(output, clip, frames);
        output.Position = end;
        return new EncodeResult(samples, frames, preSkip, meter.IntegratedLufs(), streamProbe.IntegratedLufs(), 0, OpusEncoderFactory.IsNative(encoder));
    }

    /// <summary>Reads until the frame is full or the source ends (providers may return short reads).</summary>
    private static int Fill(ISampleProvider source, float[] frame)
    {
        var filled = 0;
        int read;
        while (filled < frame.Length && (read = source.Read(frame.AsSpan(filled))) > 0)
        {
            filled += read;
        }

        return filled;
    }
}
