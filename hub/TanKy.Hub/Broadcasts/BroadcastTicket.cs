namespace TanKy.Hub.Broadcasts;

/// <summary>The answer to a play request: the broadcast's id, its first stream (null while only queued) and status.</summary>
public sealed record BroadcastTicket(string BroadcastId, string? StreamId, string Status);
