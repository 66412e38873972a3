using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TanKy.Hub.Broadcasts.Archive;
using TanKy.Hub.Broadcasts.Clock;
using TanKy.Hub.Broker;
using TanKy.Protocol;
using TanKy.Hub.Shared;

namespace TanKy.Hub.Broadcasts.Streaming;

/// <summary>What every stream session uses: the MQTT connection, the clock, topics, settings, the archive.</summary>
internal sealed class StreamContext(
    IHubMqtt mqtt,
    HubClock clock,
    IOptions<HubOptions> hub,
    IOptions<BroadcastOptions> options,
    IBroadcastArchive archive,
    ILogger<StreamSession> logger)
{
    public IHubMqtt Mqtt { get; } = mqtt;

    public HubClock Clock { get; } = clock;

    public Topics Topics { get; } = new(hub.Value.Site);

    public BroadcastOptions Options { get; } = options.Value;

    public IBroadcastArchive Archive { get; } = archive;

    public ILogger Logger { get; } = logger;

    public long LeadUs => Options.LeadMs * 1000L;

    /// <summary>Waits on the hub clock (one timer at a time per caller) until <paramref name="dueUs"/>, never less.</summary>
    public Task DelayUntilAsync(long dueUs, CancellationToken ct)
    {
        // Task.Delay counts whole milliseconds (it truncates): rounded up, a wait of 93.5 ms does
        // not end at 93 ms, so a message due at a play-out time minus the lead never goes earlier.
        var wait = dueUs - Clock.NowMicros;
        return wait <= 0 ? Task.CompletedTask : Task.Delay(TimeSpan.FromMilliseconds(Math.Ceiling(wait / 1000.0)), Clock.Time, ct);
    }
}
