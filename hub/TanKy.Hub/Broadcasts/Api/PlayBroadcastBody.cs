namespace TanKy.Hub.Broadcasts.Api;

/// <summary>Body of <c>POST /api/v1/broadcasts</c>. <c>source</c> is how it was triggered: api (default), cli or console.</summary>
internal sealed record PlayBroadcastBody(
    IReadOnlyList<string>? Zones,
    string? Media,
    string? Class,
    int? Volume,
    string? Policy,
    string? Source);
