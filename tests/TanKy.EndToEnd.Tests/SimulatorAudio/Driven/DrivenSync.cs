using TanKy.Protocol.Time;

namespace TanKy.EndToEnd.Tests.SimulatorAudio.Driven;

/// <summary>
/// Clock-sync exchanges for a <see cref="DrivenSpeaker"/> spread over driven time, on a node's
/// real <see cref="ClockSyncSchedule"/>. <see cref="DrivenSpeaker"/>'s own sync is 64 exchanges at
/// one instant: exact offset, but the one-way-bounds estimator then has no way to see a drift and
/// assumes none (the centre of ±50 ppm), so a 50 ppm crystal is 50 µs off per second after it.
/// Exchanges spread over time let the estimator find the drift, as a real node's do.
/// </summary>
internal static class DrivenSync
{
    /// <summary>
    /// Books exchanges on <paramref name="clock"/> at <paramref name="schedule"/>'s times from now
    /// until <paramref name="untilMicros"/> (hub time). Each request takes <paramref name="oneWay"/>
    /// to reach the hub, which answers at once, and the reply as long back: t1 and t4 are read from
    /// the node's clock when they happen, t2 = t3 from the hub's. The delay must be at least 2 µs:
    /// the node clock reads whole µs (truncated), so with less the truncation can put the true offset
    /// outside a sample's bounds. Returns the hub time at which these exchanges reach the 64 samples
    /// a node needs to call itself synchronised.
    /// </summary>
    public static long SyncOn(this DrivenSpeaker speaker, DrivenClock clock, ClockSyncSchedule schedule, long untilMicros, TimeSpan oneWay)
    {
        var delay = (long)oneWay.TotalMicroseconds;
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, 2);
        var first = clock.NowMicros + delay;
        var synchronisedAt = long.MaxValue;
        for (var i = 0; ; i++)
        {
            var atHub = first + (long)schedule.SendTime(i).TotalMicroseconds;
            if (atHub + delay > untilMicros)
            {
                return synchronisedAt;
            }

            var t1 = 0L;
            clock.At(atHub - delay, () => t1 = speaker.View.Clock.NowMicros);
            clock.At(atHub + delay, () =>
            {
                var hub = atHub;
                speaker.View.Add(t1, hub, hub, speaker.View.Clock.NowMicros);
            });
            if (i == ClockEstimatorOptions.Default.MinSamples - 1)
            {
                synchronisedAt = atHub + delay;
            }
        }
    }
}
