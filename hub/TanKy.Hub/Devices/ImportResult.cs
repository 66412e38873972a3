namespace TanKy.Hub.Devices;

/// <summary>One device of an import: added (with its new secret, shown once) or updated.</summary>
public sealed record ImportResult(string Id, string Action, string? Secret);
