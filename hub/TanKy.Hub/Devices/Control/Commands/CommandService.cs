using TanKy.Hub.Shared.Text;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TanKy.Hub.Broker;
using TanKy.Hub.Devices.Control.Snapshots;
using TanKy.Hub.Devices.Control.Validation;
using TanKy.Protocol;
using TanKy.Protocol.Messages;
using TanKy.Hub.Shared;

namespace TanKy.Hub.Devices.Control.Commands;

/// <summary>
/// Sends one-shot commands: validated, stored in the <see cref="CommandLedger"/> first (so every
/// outcome is on record), then published with a correlation id and an expiry. The ledger
/// completes them from the device's reply or the hub's own timeout sweep.
/// </summary>
public sealed class CommandService(
    CommandLedger ledger,
    IHubMqtt mqtt,
    DeviceRegistry registry,
    SnapshotAddress snapshotAddress,
    IOptions<HubOptions> hubOptions,
    IOptions<ControlOptions> options,
    TimeProvider time,
    ILogger<CommandService> logger)
{
    private readonly Topics _topics = new(hubOptions.Value.Site);

    /// <summary>Validates, stores and publishes a command. Throws <see cref="ControlValidationException"/> or <see cref="RegistryException"/>.</summary>
    public async Task<DeviceCommand> IssueAsync(string deviceId, string op, JsonObject? args, TimeSpan? timeout, string? by, CancellationToken cancellationToken = default)
    {
        var device = registry.Get(deviceId) ?? throw new RegistryException("device.error.no-device", deviceId);
        var checkedArgs = CommandCatalog.Validate(device.Kind, op, args);
        var wait = timeout ?? options.Value.CommandTimeout;
        if (wait <= TimeSpan.Zero || wait > options.Value.MaxCommandTimeout)
        {
            throw new ControlValidationException([new FieldError("timeout", new TextMessage("rules2.command.timeout", $"{options.Value.MaxCommandTimeout.TotalSeconds:0}").Encode())]);
        }

        var id = "c-" + RandomNumberGenerator.GetHexString(16, lowercase: true);
        if (op == CommandCatalog.Snapshot)
        {
            // The camera needs to know where to upload; the URL names the command it answers.
            checkedArgs["url"] = snapshotAddress.UploadUrl(deviceId, id);
        }

        var now = time.GetUtcNow();
        var expires = now + wait;
        ledger.Add(new DeviceCommand(id, deviceId, op, checkedArgs, by, now, expires, CommandStatus.Pending, null, null, null));
        var message = new CommandMessage { V = ProtocolConstants.Version, Id = id, Op = op, Args = checkedArgs.Count > 0 ? checkedArgs : null, Expires = expires.ToUnixTimeMilliseconds() };
        try
        {
            await mqtt.PublishAsync(_topics.Command(deviceId), ProtocolJson.Serialize(message), retain: false, qos: 1, cancellationToken);
            logger.LogInformation("Command {CommandId} {Op} sent to {DeviceId} by {User}, expires in {Seconds} s", id, op, deviceId, by, wait.TotalSeconds);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Publishing command {CommandId} to {DeviceId} failed", id, deviceId);
            // Shown on the devices page and the audit in the reader's language; the exception is logged above.
            ledger.Finish(id, deviceId, CommandStatus.Error, null, new TextMessage("rules2.command.not-sent").Encode(), now);
        }

        return ledger.Get(id)!;
    }

    public Task<DeviceCommand> WaitAsync(string id, CancellationToken cancellationToken = default) => ledger.WaitAsync(id, cancellationToken);

    public DeviceCommand? Get(string id) => ledger.Get(id);

    public IReadOnlyList<DeviceCommand> List(string deviceId, int limit = 50) => ledger.List(deviceId, limit);
}

