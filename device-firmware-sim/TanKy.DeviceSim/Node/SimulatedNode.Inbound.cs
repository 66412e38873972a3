using System.Buffers;
using System.Text.Json.Nodes;
using MQTTnet;
using MQTTnet.Protocol;
using TanKy.DeviceSim.Commands;
using TanKy.Protocol;
using TanKy.Protocol.Messages;

namespace TanKy.DeviceSim.Node;

/// <summary>
/// What the node receives. MQTTnet's receive callback only queues the message; one worker per
/// node handles them in order, so a slow handler (or injected latency) never stalls keep-alive,
/// and publishing a reply from a handler cannot deadlock the client's receive loop.
/// </summary>
public sealed partial class SimulatedNode
{
    private const int RememberedCommands = 32;

    private readonly Lock _stateGate = new();
    private readonly LinkedList<CommandOutcome> _handled = new();
    private JsonObject _appliedState = [];
    private long? _appliedVersion;
    private IReadOnlyDictionary<string, string>? _appliedErrors;
    private long? _reportedVersion;

    /// <summary>The desired version applied last (kept across reconnects and reboots, like flash); null before any.</summary>
    public long? AppliedVersion
    {
        get
        {
            lock (_stateGate)
            {
                return _appliedVersion;
            }
        }
    }

    /// <summary>A copy of the state applied last.</summary>
    public JsonObject AppliedState
    {
        get
        {
            lock (_stateGate)
            {
                return (JsonObject)_appliedState.DeepClone();
            }
        }
    }

    /// <summary>Last status seen on <c>hub/state</c> (online/offline), null before any.</summary>
    public string? HubStatus { get; private set; }

    private Task OnMessageReceivedAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        _inbound.Writer.TryWrite(new InboundMessage(e.ApplicationMessage.Topic, e.ApplicationMessage.Payload.ToArray()));
        return Task.CompletedTask;
    }

    private async Task InboundWorkerAsync(CancellationToken ct)
    {
        await foreach (var message in _inbound.Reader.ReadAllAsync(ct))
        {
            try
            {
                await InjectLatencyAsync(ct);
                await HandleAsync(message, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LastError = $"handling {message.Topic}: {ex.Message}";
            }
        }
    }

    private async Task HandleAsync(InboundMessage message, CancellationToken ct)
    {
        var validated = PayloadValidator.Validate(Options.Site, message.Topic, message.Payload);
        if (!validated.IsValid)
        {
            Raise(NodeActivityKind.MessageRejected, detail: $"{message.Topic}: {validated.Reason}");
            return;
        }

        // Defensive: only act on our own device topics, whatever the broker delivers.
        if (validated.Topic.Kind is TopicKind.Desired or TopicKind.Command && validated.Topic.Subject != DeviceId)
        {
            return;
        }

        switch (validated.Message)
        {
            case DesiredStateMessage desired:
                await ApplyDesiredAsync(desired, ct);
                break;
            case CommandMessage command:
                await HandleCommandAsync(command, ct);
                break;
            case HubStateMessage hub:
                HubStatus = hub.Status;
                break;
            case TimeReplyMessage reply when validated.Topic.Subject == DeviceId:
                OnTimeReply(reply);
                break;
            case PlayOrderMessage order:
                OnPlayOrder(validated.Topic.Subject!, order);
                break;
            case null when validated.Topic.Kind == TopicKind.Stream:
                OnAudio(validated.Topic.Subject!, message.Payload);
                break;
            default:
                break;
        }
    }

    private async Task ApplyDesiredAsync(DesiredStateMessage desired, CancellationToken ct)
    {
        long? ignoredBecause = null;
        lock (_stateGate)
        {
            if (_appliedVersion is { } current && desired.Version <= current)
            {
                ignoredBecause = current;
            }
            else
            {
                _appliedVersion = desired.Version;
                _appliedState = Kinds.KindFirmware.Apply(Options.Kind, desired.State, out _appliedErrors);
            }
        }

        if (ignoredBecause is { } applied)
        {
            // Duplicates (retained redelivery after reconnect) and older versions change nothing.
            Raise(NodeActivityKind.DesiredIgnored, version: desired.Version, detail: $"version {desired.Version} ≤ applied {applied}");
            return;
        }

        _cache?.OnDesired(desired.State["cache"]);
        await PublishReportedAsync(ct);
    }

    /// <summary>After a reconnect, publish reported again if the last one never made it out.</summary>
    private Task RepublishReportedIfNeededAsync(CancellationToken ct)
    {
        lock (_stateGate)
        {
            if (_appliedVersion is null || _appliedVersion == _reportedVersion)
            {
                return Task.CompletedTask;
            }
        }

        return PublishReportedAsync(ct);
    }

    private async Task PublishReportedAsync(CancellationToken ct)
    {
        long version;
        JsonObject state;
        IReadOnlyDictionary<string, string>? errors;
        lock (_stateGate)
        {
            version = _appliedVersion ?? 0;
            state = (JsonObject)_appliedState.DeepClone();
            errors = _appliedErrors;
        }

        if (_cache is { } cache && state.ContainsKey("cache"))
        {
            // Reported is the cache's state per clip, not the order echoed (protocol.md §4.11 rule 2).
            state["cache"] = cache.Report();
        }

        var reported = new ReportedStateMessage { V = ProtocolConstants.Version, Version = version, Ts = NowMs(), State = state, Errors = errors };
        if (await PublishAsync(_topics.Reported(DeviceId), ProtocolJson.Serialize(reported), MqttQualityOfServiceLevel.AtLeastOnce, retain: true, ct))
        {
            Raise(NodeActivityKind.DesiredApplied, version: version, stateChange: () =>
            {
                lock (_stateGate)
                {
                    _reportedVersion = version;
                }
            });
        }
    }

    private async Task HandleCommandAsync(CommandMessage command, CancellationToken ct)
    {
        CommandResult result;
        var previous = FindHandled(command.Id);
        if (previous is not null)
        {
            // A QoS 1 redelivery: answer again, do not run the op twice.
            result = new CommandResult(previous.Status, previous.Error, previous.Data);
        }
        else
        {
            result = await _commands.ExecuteAsync(new CommandContext(command, Options.Time.GetUtcNow(), this));
        }

        var reply = new ReplyMessage { V = ProtocolConstants.Version, Id = command.Id, Status = result.Status, Error = result.Error, Data = result.Data };
        await PublishAsync(_topics.Reply(DeviceId), ProtocolJson.Serialize(reply), MqttQualityOfServiceLevel.AtLeastOnce, retain: false, ct);
        var outcome = new CommandOutcome(command.Id, command.Op, result.Status, result.Error, (JsonObject?)result.Data?.DeepClone());
        Raise(NodeActivityKind.CommandHandled, command: outcome, stateChange: () => Remember(outcome));
        if (result.AfterReply is { } after)
        {
            await after();
        }
    }

    private CommandOutcome? FindHandled(string id)
    {
        lock (_handled)
        {
            return _handled.FirstOrDefault(o => o.Id == id);
        }
    }

    private void Remember(CommandOutcome outcome)
    {
        lock (_handled)
        {
            _handled.AddFirst(outcome);
            if (_handled.Count > RememberedCommands)
            {
                _handled.RemoveLast();
            }
        }
    }

    private sealed record InboundMessage(string Topic, byte[] Payload);
}
