using System.Text.Json.Nodes;

namespace TanKy.Hub.Devices.Control.Http;

/// <summary>Body of <c>POST /api/v1/devices/{id}/commands</c>. <see cref="Wait"/>: answer once the outcome is known (default) or at once with 202.</summary>
internal sealed record CommandRequest(string? Op, JsonObject? Args, int? Timeout, bool? Wait);
