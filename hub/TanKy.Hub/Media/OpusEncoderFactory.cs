using Concentus;
using Concentus.Enums;

namespace TanKy.Hub.Media;

/// <summary>
/// Creates the Opus encoder and decoder with the native/managed choice made explicitly.
/// Concentus' factory picks libopus whenever it can load it, and its bitstream differs; the
/// managed path therefore constructs Concentus' own structs directly and does not touch the
/// factory's process-wide flag.
/// </summary>
internal static class OpusEncoderFactory
{
    public static IOpusEncoder CreateEncoder(MediaOptions options)
    {
        IOpusEncoder encoder;
        if (options.UseNativeOpus)
        {
            OpusCodecFactory.AttemptToUseNativeLibrary = true;
            encoder = OpusCodecFactory.CreateEncoder(MediaFormat.SampleRate, MediaFormat.Channels, OpusApplication.OPUS_APPLICATION_VOIP);
        }
        else
        {
            // Obsolete only to steer callers to the factory, whose native preference is what we avoid here.
#pragma warning disable CS0618
            encoder = new Concentus.Structs.OpusEncoder(MediaFormat.SampleRate, MediaFormat.Channels, OpusApplication.OPUS_APPLICATION_VOIP);
#pragma warning restore CS0618
        }

        encoder.Bitrate = options.OpusBitrate;
        encoder.Complexity = options.OpusComplexity;
        encoder.SignalType = OpusSignal.OPUS_SIGNAL_VOICE;
        encoder.UseInbandFEC = options.UseInbandFec;
        encoder.PacketLossPercent = options.PacketLossPercent;
        return encoder;
    }

    /// <summary>True when the encoder really is libopus (the factory falls back to managed silently).</summary>
    public static bool IsNative(IOpusEncoder encoder) => encoder is not Concentus.Structs.OpusEncoder;

    /// <summary>Decoder for tests and previews, same explicit choice.</summary>
    public static IOpusDecoder CreateDecoder(bool native = false)
    {
        if (native)
        {
            OpusCodecFactory.AttemptToUseNativeLibrary = true;
            return OpusCodecFactory.CreateDecoder(MediaFormat.SampleRate, MediaFormat.Channels);
        }

#pragma warning disable CS0618 // see CreateEncoder
        return new Concentus.Structs.OpusDecoder(MediaFormat.SampleRate, MediaFormat.Channels);
#pragma warning restore CS0618
    }
}
