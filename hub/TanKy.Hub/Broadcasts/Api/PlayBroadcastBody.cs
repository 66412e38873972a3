namespace TanKy.Hub.Broadcasts.Api;

/// <summary>
/// Body of <c>POST /api/v1/broadcasts</c>. <c>source</c> is how it was triggered: api (default), cli or console.
/// Either <c>media</c> (a stored clip) or <c>relay</c> (a registered source, <see cref="RelayBody"/>).
/// </summary>
internal sealed record PlayBroadcastBody(
    IReadOnlyList<string>? Zones,
    string? Media,
    string? Class,
    int? Volume,
    string? Policy,
    string? Source,
    RelayBody? Relay = null);

/// <summary><c>"relay": {"source": "vov1", "duration": "30m", "fallback": "m-…"}</c>: duration and fallback are optional.</summary>
internal sealed record RelayBody(string? Source, string? Duration, string? Fallback);
