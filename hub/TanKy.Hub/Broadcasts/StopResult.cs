namespace TanKy.Hub.Broadcasts;

/// <summary>What <see cref="IBroadcastService.StopAsync"/> did.</summary>
public enum StopResult
{
    Stopped,
    NotFound,
    AlreadyEnded,
}
