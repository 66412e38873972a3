using TanKy.Hub.Broadcasts;

namespace TanKy.Hub.Emergency.Engine;

/// <summary>A lifecycle hook that does nothing (the gateway hardware is not registered).</summary>
internal sealed class NoLifecycle : IBroadcastLifecycle
{
    public static readonly NoLifecycle Instance = new();

    public void OnStreamStarted(BroadcastRecord record, IReadOnlyList<string> zones, DateTimeOffset playoutStart)
    {
    }

    public void OnEnded(BroadcastRecord record, string status)
    {
    }
}
