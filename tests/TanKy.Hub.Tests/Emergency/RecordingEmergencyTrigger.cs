using System.Collections.Concurrent;
using TanKy.Hub.Emergency;

namespace TanKy.Hub.Tests.Emergency;

/// <summary>The broadcast engine as the emergency sources see it: records triggers and cancels, returns b-1, b-2…</summary>
internal sealed class RecordingEmergencyTrigger : IEmergencyTrigger
{
    private int _next;

    public ConcurrentQueue<(string Id, EmergencyRequest Request)> Triggered { get; } = new();

    public ConcurrentQueue<(string Id, string Reason)> Cancelled { get; } = new();

    public bool Fail { get; set; }

    public Task<string> TriggerAsync(EmergencyRequest request, CancellationToken ct)
    {
        if (Fail)
        {
            throw new InvalidOperationException("engine down");
        }

        var id = $"b-{Interlocked.Increment(ref _next)}";
        Triggered.Enqueue((id, request));
        return Task.FromResult(id);
    }

    public Task CancelAsync(string broadcastId, string reason, CancellationToken ct)
    {
        Cancelled.Enqueue((broadcastId, reason));
        return Task.CompletedTask;
    }
}
