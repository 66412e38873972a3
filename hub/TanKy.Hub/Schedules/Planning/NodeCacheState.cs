namespace TanKy.Hub.Schedules.Planning;

/// <summary>Whether one speaker node holds an occurrence's content: <c>ready</c>, <c>failed</c>, <c>pending</c> (told, not reported) or <c>unknown</c>.</summary>
public sealed record NodeCacheState(string DeviceId, string State);
