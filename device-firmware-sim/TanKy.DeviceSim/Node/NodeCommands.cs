using System.Text.Json.Nodes;
using MQTTnet.Protocol;
using TanKy.DeviceSim.Commands;
using TanKy.Protocol;
using TanKy.Protocol.Messages;

namespace TanKy.DeviceSim.Node;

/// <summary>Commands → replies, each op once: a QoS 1 redelivery of a recent command gets the same answer again.</summary>
internal sealed class NodeCommands
{
    private const int Remembered = 32;

    private readonly NodeContext _node;
    private readonly NodeLink _link;
    private readonly INodeActions _actions;
    private readonly CommandTable _table;
    private readonly LinkedList<CommandOutcome> _handled = new();

    /// <param name="actions">What an op may ask of the node (reboot, its applied state).</param>
    public NodeCommands(NodeContext node, NodeLink link, INodeActions actions)
    {
        (_node, _link, _actions) = (node, link, actions);
        _table = CommandTable.For(node.Options.Kind);
    }

    public async Task HandleAsync(CommandMessage command, CancellationToken ct)
    {
        if (_node.Options.Faults.ConformanceFault == ConformanceFault.NoCommandReply)
        {
            return;
        }

        CommandResult result;
        var previous = Find(command.Id);
        if (previous is not null)
        {
            // A QoS 1 redelivery: answer again, do not run the op twice.
            result = new CommandResult(previous.Status, previous.Error, previous.Data);
        }
        else
        {
            result = await _table.ExecuteAsync(new CommandContext(command, _node.Options.Time.GetUtcNow(), _actions));
        }

        var reply = new ReplyMessage { V = ProtocolConstants.Version, Id = command.Id, Status = result.Status, Error = result.Error, Data = result.Data };
        await _link.PublishAsync(_node.Topics.Reply(_node.DeviceId), ProtocolJson.Serialize(reply), MqttQualityOfServiceLevel.AtLeastOnce, retain: false, ct);
        var outcome = new CommandOutcome(command.Id, command.Op, result.Status, result.Error, (JsonObject?)result.Data?.DeepClone());
        Remember(outcome);
        _node.Raise(NodeActivityKind.CommandHandled, command: outcome);
        if (result.AfterReply is { } after)
        {
            await after();
        }
    }

    /// <summary>The outcome of a recent command (the last <see cref="Remembered"/>), or null.</summary>
    public CommandOutcome? Find(string id)
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
            if (_handled.Count > Remembered)
            {
                _handled.RemoveLast();
            }
        }
    }
}
