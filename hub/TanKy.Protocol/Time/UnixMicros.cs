namespace TanKy.Protocol.Time;

/// <summary>
/// The protocol's clock unit: microseconds since the Unix epoch (<c>t1…t4</c> in time sync,
/// <c>playout_start_us</c> in play orders), to and from <see cref="DateTimeOffset"/>.
/// </summary>
public static class UnixMicros
{
    public static long From(DateTimeOffset instant) => (instant.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    public static DateTimeOffset ToInstant(long unixMicros) => DateTimeOffset.UnixEpoch.AddTicks(unixMicros * 10);
}
