using Microsoft.Extensions.Logging;
using TanKy.Hub.Broadcasts;

namespace TanKy.Hub.Gateway.Hardware;

/// <summary>
/// Makes the gateway's outputs follow broadcasts: the amplifier relay of the legacy cluster is
/// prepared before play-out of any stream in the gateway's zone and released when the broadcast
/// ends (the relay ignores other zones); the status LED blinks while anything is on the air and
/// blinks fast after a broadcast failed.
/// </summary>
internal sealed class GatewayBroadcastOutputs(
    IAmplifierRelay relay,
    StatusLed statusLed,
    TimeProvider time,
    ILogger<GatewayBroadcastOutputs> log) : IBroadcastLifecycle
{
    private readonly HashSet<string> _onAir = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>The last relay preparation (tests await it).</summary>
    public Task LastPrepare { get; private set; } = Task.CompletedTask;

    public void OnStreamStarted(BroadcastRecord record, IReadOnlyList<string> zones, DateTimeOffset playoutStart)
    {
        lock (_gate)
        {
            _onAir.Add(record.Id);
            statusLed.Set(GatewayStatus.Broadcasting);
        }

        LastPrepare = PrepareAsync(record.Id, zones, playoutStart);
    }

    public void OnEnded(BroadcastRecord record, string status)
    {
        lock (_gate)
        {
            if (_onAir.Remove(record.Id) && _onAir.Count == 0)
            {
                // A failed broadcast (e.g. broker unreachable) shows as a fault until the next one airs.
                statusLed.Set(status == BroadcastStatus.Failed ? GatewayStatus.Fault : GatewayStatus.Idle);
            }
        }

        relay.Release(record.Id, time.GetUtcNow());
    }

    private async Task PrepareAsync(string id, IReadOnlyList<string> zones, DateTimeOffset playoutStart)
    {
        try
        {
            await relay.PrepareAsync(id, zones, playoutStart, CancellationToken.None);
        }
        catch (Exception ex)
        {
            log.LogError(ex, "Amplifier relay could not switch on for broadcast {Id}", id);
        }
    }
}
