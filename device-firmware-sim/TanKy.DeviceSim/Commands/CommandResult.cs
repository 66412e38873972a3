using System.Text.Json.Nodes;
using TanKy.Protocol;

namespace TanKy.DeviceSim.Commands;

/// <summary>What an op handler answers; <see cref="AfterReply"/> runs once the reply is sent (e.g. reboot).</summary>
internal sealed record CommandResult(string Status, string? Error, JsonObject? Data)
{
    public Func<Task>? AfterReply { get; init; }

    public static CommandResult Ok(JsonObject? data = null) => new(ProtocolConstants.ReplyOk, null, data);

    public static CommandResult Fail(string error) => new(ProtocolConstants.ReplyError, error, null);
}
