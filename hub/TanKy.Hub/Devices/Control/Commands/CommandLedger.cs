using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TanKy.Protocol;
using TanKy.Protocol.Messages;
using TanKy.Hub.Shared.Data;

namespace TanKy.Hub.Devices.Control.Commands;

/// <summary>
/// The record of commands (<c>device_commands</c>) and their outcomes: a reply from the device
/// the command went to, or a timeout once <c>expires</c> plus a grace period has passed. Kept
/// apart from <see cref="CommandService"/> because the reply handler must not depend on the
/// MQTT connection that calls it.
/// </summary>
public sealed class CommandLedger(Database db, IOptions<ControlOptions> options, TimeProvider time, ILogger<CommandLedger> logger)
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<DeviceCommand>> _waiting = new(StringComparer.Ordinal);

    public void Add(DeviceCommand command)
    {
        using (var c = db.Open())
        {
            c.Execute(
                "INSERT INTO device_commands(id, device_id, op, args, issued_by, issued_at, expires_at, status) VALUES (@Id, @DeviceId, @Op, @args, @IssuedBy, @issued, @expires, @Status)",
                new { command.Id, command.DeviceId, command.Op, args = command.Args.ToJsonString(), command.IssuedBy, issued = command.IssuedAt.ToUnixTimeMilliseconds(), expires = command.ExpiresAt.ToUnixTimeMilliseconds(), command.Status });
        }

        _waiting[command.Id] = new TaskCompletionSource<DeviceCommand>(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Completes when the command has an outcome (reply, timeout or send failure).</summary>
    public async Task<DeviceCommand> WaitAsync(string id, CancellationToken cancellationToken = default)
    {
        if (_waiting.TryGetValue(id, out var tcs))
        {
            // The outcome may have been stored between the lookup and now.
            if (Get(id) is { IsFinished: true } done)
            {
                return done;
            }

            return await tcs.Task.WaitAsync(cancellationToken);
        }

        return Get(id) ?? throw new RegistryException("device.error.no-command", id);
    }

    public DeviceCommand? Get(string id)
    {
        using var c = db.Open();
        return c.QuerySingleOrDefault<CommandRow>(CommandRow.Select + " WHERE id = @id", new { id })?.ToCommand();
    }

    public IReadOnlyList<DeviceCommand> List(string deviceId, int limit = 50)
    {
        using var c = db.Open();
        return c.Query<CommandRow>(CommandRow.Select + " WHERE device_id = @deviceId ORDER BY issued_at DESC LIMIT @limit", new { deviceId, limit })
            .Select(r => r.ToCommand()).ToList();
    }

    /// <summary>Applies a device's reply. Only the device the command was sent to can complete it, and only once.</summary>
    public bool Complete(string deviceId, ReplyMessage reply, DateTimeOffset receivedAt)
    {
        var status = reply.Status == ProtocolConstants.ReplyOk ? CommandStatus.Ok
            : reply.Error == "expired" ? CommandStatus.Expired
            : CommandStatus.Error;
        var done = Finish(reply.Id, deviceId, status, reply.Data, reply.Error, receivedAt);
        if (!done)
        {
            logger.LogDebug("Reply {CommandId} from {DeviceId} matches no pending command of that device", reply.Id, deviceId);
        }

        return done;
    }

    /// <summary>Marks every pending command past its expiry plus grace as timed out. Returns how many.</summary>
    public int SweepTimeouts()
    {
        var now = time.GetUtcNow();
        var limit = (now - options.Value.ReplyGrace).ToUnixTimeMilliseconds();
        List<(string Id, string DeviceId)> due;
        using (var c = db.Open())
        {
            due = c.Query<(string, string)>("SELECT id, device_id FROM device_commands WHERE status = @pending AND expires_at < @limit", new { pending = CommandStatus.Pending, limit }).ToList();
        }

        var n = 0;
        foreach (var (id, deviceId) in due)
        {
            if (Finish(id, deviceId, CommandStatus.Timeout, null, "no reply before the command expired", now))
            {
                logger.LogWarning("Command {CommandId} to {DeviceId} timed out", id, deviceId);
                n++;
            }
        }

        return n;
    }

    /// <summary>Whether <paramref name="commandId"/> is a pending <paramref name="op"/> command of <paramref name="deviceId"/>.</summary>
    public bool IsPending(string commandId, string deviceId, string op)
    {
        var command = Get(commandId);
        return command is not null && command.DeviceId == deviceId && command.Op == op && command.Status == CommandStatus.Pending
            && command.ExpiresAt + options.Value.ReplyGrace >= time.GetUtcNow();
    }

    public bool Finish(string id, string deviceId, string status, JsonObject? result, string? error, DateTimeOffset at)
    {
        int rows;
        using (var c = db.Open())
        {
            // "status = pending" makes the first outcome win: a late reply cannot undo a timeout.
            rows = c.Execute(
                "UPDATE device_commands SET status = @status, result = @result, error = @error, replied_at = @at WHERE id = @id AND device_id = @deviceId AND status = @pending",
                new { id, deviceId, status, result = result?.ToJsonString(), error, at = at.ToUnixTimeMilliseconds(), pending = CommandStatus.Pending });
        }

        if (rows == 1 && _waiting.TryRemove(id, out var tcs))
        {
            tcs.TrySetResult(Get(id)!);
        }

        return rows == 1;
    }
}
