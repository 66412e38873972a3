using System.Text.Json.Nodes;

namespace TanKy.DeviceSim.Commands;

/// <summary>One command a node handled, as it replied. Tests and the CLI observe these.</summary>
public sealed record CommandOutcome(string Id, string Op, string Status, string? Error, JsonObject? Data);
