using System.Text.Json.Nodes;
using TanKy.Protocol;
using TanKy.Protocol.Messages;

namespace TanKy.DeviceSim.Commands;

/// <summary>The node's side of one command: the message, the current time, and the node's own actions.</summary>
internal sealed record CommandContext(CommandMessage Command, DateTimeOffset Now, INodeActions Node);

/// <summary>What an op handler may ask of the node it runs on.</summary>
internal interface INodeActions
{
    /// <summary>Publishes offline, disconnects, and boots again with a new boot id.</summary>
    Task RebootAsync();

    Node.NodeOptions Options { get; }

    JsonObject AppliedState { get; }
}

/// <summary>
/// Ops a node understands, one small handler per op. Common ops are registered for every kind;
/// kind-specific ops (snapshot, text, tone…) get registered by <see cref="For"/> as they come.
/// </summary>
internal sealed class CommandTable
{
    private readonly Dictionary<string, Func<CommandContext, ValueTask<CommandResult>>> _ops = new(StringComparer.Ordinal);

    public IEnumerable<string> Ops => _ops.Keys;

    public static CommandTable For(DeviceKind kind)
    {
        var table = new CommandTable();
        table.Register("ping", ctx => ValueTask.FromResult(CommandResult.Ok(new JsonObject { ["ts"] = ctx.Now.ToUnixTimeMilliseconds() })));
        table.Register("reboot", ctx => ValueTask.FromResult(CommandResult.Ok() with { AfterReply = ctx.Node.RebootAsync }));
        Kinds.KindFirmware.RegisterOps(kind, table);
        return table;
    }

    public void Register(string op, Func<CommandContext, ValueTask<CommandResult>> handler) => _ops[op] = handler;

    /// <summary>Runs the command; expiry and unknown ops are answered here so every handler stays small.</summary>
    public async ValueTask<CommandResult> ExecuteAsync(CommandContext ctx)
    {
        if (ctx.Command.Expires < ctx.Now.ToUnixTimeMilliseconds())
        {
            return CommandResult.Fail("expired");
        }

        if (!_ops.TryGetValue(ctx.Command.Op, out var handler))
        {
            return CommandResult.Fail($"unknown op '{ctx.Command.Op}'");
        }

        try
        {
            return await handler(ctx);
        }
        catch (Exception ex)
        {
            // A firmware answers a failing handler with an error instead of dropping the command.
            var message = ex.Message.Length > 200 ? ex.Message[..200] : ex.Message;
            return CommandResult.Fail($"op '{ctx.Command.Op}' failed: {message}");
        }
    }
}
