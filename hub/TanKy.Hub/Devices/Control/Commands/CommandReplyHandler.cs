using TanKy.Hub.Broker;
using TanKy.Protocol;
using TanKy.Protocol.Messages;

namespace TanKy.Hub.Devices.Control.Commands;

/// <summary>Feeds <c>dev/{id}/reply</c> messages to <see cref="CommandLedger"/>.</summary>
internal sealed class CommandReplyHandler(CommandLedger commands) : IDeviceMessageHandler
{
    public bool Handles(TopicKind kind) => kind == TopicKind.Reply;

    public ValueTask HandleAsync(DeviceMessage message, CancellationToken cancellationToken)
    {
        if (message.Message is ReplyMessage reply)
        {
            commands.Complete(message.DeviceId, reply, message.ReceivedAt);
        }

        return ValueTask.CompletedTask;
    }
}
