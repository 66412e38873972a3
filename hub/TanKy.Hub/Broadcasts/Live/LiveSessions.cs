using Microsoft.Extensions.Logging;
using TanKy.Hub.Broadcasts.Sources;
using TanKy.Protocol;

namespace TanKy.Hub.Broadcasts.Live;

/// <summary>Puts live sources on the air through the broadcast service (zones already authorised and audited by the caller).</summary>
public sealed class LiveSessions(BroadcastService broadcasts, TimeProvider time, ILogger<LiveSessions> log)
{
    public TimeProvider Time => time;

    public LiveAudioSource CreateSource(string title, int preSkip) => new(title, time, preSkip);

    public async Task<BroadcastTicket> StartAsync(LiveAudioSource source, IReadOnlyList<string> zones, BulletinClass cls, string by, string channel)
    {
        var request = new BroadcastRequest("live", cls, zones, by, channel, Title: source.Title);
        var ticket = await broadcasts.PlayLiveAsync(request, zones, source);
        log.LogWarning("Live {Class} broadcast {Id} by {By} via {Channel} to {Zones}: {Status}", cls.ToWire(), ticket.BroadcastId, by, channel, string.Join(',', zones), ticket.Status);
        return ticket;
    }

    /// <summary>True while the broadcast still plays or waits (so the producer should keep going).</summary>
    public bool IsRunning(string broadcastId) =>
        broadcasts.Get(broadcastId)?.Status is BroadcastStatus.Playing or BroadcastStatus.Queued or BroadcastStatus.Preempted;

    public Task StopAsync(string broadcastId, string by) => broadcasts.StopAsync(broadcastId, by);

    internal static int PreSkipOfEncoder() => SignalEncoder.CreateEncoder().Lookahead;
}
