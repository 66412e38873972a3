namespace TanKy.Hub.Tests.Support;

/// <summary>A 48 kHz mono 16-bit WAV of a tone, standing in for a recorded clip or a phone recording (shared by the hub and end-to-end tests).</summary>
public static class ToneWav
{
    public static byte[] Create(TimeSpan duration, double hz, int rate = 48_000)
    {
        var samples = (int)(duration.TotalSeconds * rate);
        using var ms = new MemoryStream();
        using var w = new BinaryWriter(ms);
        w.Write("RIFF"u8);
        w.Write(36 + (samples * 2));
        w.Write("WAVEfmt "u8);
        w.Write(16);
        w.Write((short)1);
        w.Write((short)1);
        w.Write(rate);
        w.Write(rate * 2);
        w.Write((short)2);
        w.Write((short)16);
        w.Write("data"u8);
        w.Write(samples * 2);
        for (var i = 0; i < samples; i++)
        {
            w.Write((short)(8000 * Math.Sin(2 * Math.PI * hz * i / rate)));
        }

        w.Flush();
        return ms.ToArray();
    }
}
