using System.Text;

namespace TanKy.Protocol.Audio;

/// <summary>
/// 32-bit FNV-1a of the UTF-8 bytes of a stream id. It binds an audio payload to one
/// broadcast without spending up to 48 bytes of id in every message; nodes compare it with the
/// hash of the stream named in their current play order.
/// </summary>
public static class StreamIdHash
{
    public const uint OffsetBasis = 0x811C9DC5;

    public const uint Prime = 0x01000193;

    public static uint Compute(string streamId)
    {
        ArgumentNullException.ThrowIfNull(streamId);

        // Computed once per play order (node) or broadcast (hub): a small allocation is fine.
        return Compute(Encoding.UTF8.GetBytes(streamId));
    }

    public static uint Compute(ReadOnlySpan<byte> utf8)
    {
        var hash = OffsetBasis;
        foreach (var b in utf8)
        {
            hash ^= b;
            hash *= Prime;
        }

        return hash;
    }
}
