using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TanKy.Hub.Broker;
using TanKy.Hub.Devices.Control.Snapshots;
using TanKy.Hub.Devices.Control.Validation;
using TanKy.Hub.Hosting;
using TanKy.Hub.Storage;
using TanKy.Protocol;
using TanKy.Protocol.Messages;

namespace TanKy.Hub.Devices.Control.Commands;

/// <summary>
/// One-shot commands: stored first (so every outcome is on record), then published with a
/// correlation id and an expiry; completed by the device's reply or, after expiry plus a grace
/// period, by the hub's own timeout sweep.
/// </summary>
public sealed class CommandService(
    Database db,
    IHubMqtt mqtt,
    DeviceRegistry registry,
    SnapshotAddress snapshotAddress,
    IOptions<HubOptions> hubOptions,
    IOptions<ControlOptions> options,
    TimeProvider time,
    ILogger<CommandService> logger)
{
    private readonly Topics _topics = new(hubOptions.Value.Site);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<DeviceCommand>> _waiting = new(StringComparer.Ordinal);

    /// <summary>Validates, stores and publishes a command. Throws <see cref="ControlValidationException"/> or <see cref="RegistryException"/>.</summary>
    public async Task<DeviceCommand> IssueAsync(string deviceId, string op, JsonObject? args, TimeSpan? timeout, string? by, CancellationToken cancellationToken = default)
    {
        var device = registry.Get(deviceId) ?? throw new RegistryException($"no device '{deviceId}'");
        var checkedArgs = CommandCatalog.Validate(device.Kind, op, args);
        var wait = timeout ?? options.Value.CommandTimeout;
        if (wait <= TimeSpan.Zero || wait > options.Value.MaxCommandTimeout)
        {
            throw new ControlValidationException([new FieldError("timeout", $"timeout must be 1–{options.Value.MaxCommandTimeout.TotalSeconds:0} s")]);
        }

        var id = "c-" + RandomNumberGenerator.GetHexString(16, lowercase: true);
        if (op == CommandCatalog.Snapshot)
        {
            // The camera needs to know where to upload; the URL names the command it answers.
            checkedArgs["url"] = snapshotAddress.UploadUrl(deviceId, id);
        }

        var now = time.GetUtcNow();
        var expires = now + wait;
        using (var c = db.Open())
        {
            c.Execute(
                "INSERT INTO device_commands(id, device_id, op, args, issued_by, issued_at, expires_at, status) VALUES (@id, @deviceId, @op, @args, @by, @now, @expires, @status)",
                new { id, deviceId, op, args = checkedArgs.ToJsonString(), by, now = now.ToUnixTimeMilliseconds(), expires = expires.ToUnixTimeMilliseconds(), status = CommandStatus.Pending });
        }

        _waiting[id] = new TaskCompletionSource<DeviceCommand>(TaskCreationOptions.RunContinuationsAsynchronously);
        var message = new CommandMessage { V = ProtocolConstants.Version, Id = id, Op = op, Args = checkedArgs.Count > 0 ? checkedArgs : null, Expires = expires.ToUnixTimeMilliseconds() };
        try
        {
            await mqtt.PublishAsync(_topics.Command(deviceId), ProtocolJson.Serialize(message), retain: false, qos: 1, cancellationToken);
            logger.LogInformation("Command {CommandId} {Op} sent to {DeviceId} by {User}, expires in {Seconds} s", id, op, deviceId, by, wait.TotalSeconds);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Publishing command {CommandId} to {DeviceId} failed", id, deviceId);
            Finish(id, deviceId, CommandStatus.Error, null, $"not sent: {ex.Message}", now);
        }

        return Get(id)!;
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

        return Get(id) ?? throw new RegistryException($"no command '{id}'");
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

    private bool Finish(string id, string deviceId, string status, JsonObject? result, string? error, DateTimeOffset at)
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
