using System.Buffers;
using System.Threading.Channels;
using MQTTnet;
using TanKy.Protocol;
using TanKy.Protocol.Messages;

namespace TanKy.DeviceSim.Node;

/// <summary>
/// What the node receives. MQTTnet's receive callback only queues the message; one worker per
/// node handles them in order, so a slow handler (or injected latency) never stalls keep-alive,
/// and publishing a reply from a handler cannot deadlock the client's receive loop.
/// </summary>
internal sealed class NodeInbox : IAsyncDisposable
{
    private readonly NodeContext _node;
    private readonly NodeLink _link;
    private readonly NodeDesiredState _desired;
    private readonly NodeCommands _commands;
    private readonly NodeAudio _audio;
    private readonly Channel<InboundMessage> _queue;
    private Task? _worker;

    public NodeInbox(NodeContext node, NodeLink link, NodeDesiredState desired, NodeCommands commands, NodeAudio audio)
    {
        (_node, _link, _desired, _commands, _audio) = (node, link, desired, commands, audio);
        // A small device has a small receive queue: when it is full the oldest message goes.
        _queue = Channel.CreateBounded<InboundMessage>(new BoundedChannelOptions(256)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        link.MessageReceivedAsync += OnMessageReceivedAsync;
    }

    /// <summary>Last status seen on <c>hub/state</c> (online/offline), null before any.</summary>
    public string? HubStatus { get; private set; }

    /// <summary>Starts the worker at the first power-on; it lives as long as the node.</summary>
    public void EnsureRunning() => _worker ??= Task.Run(() => WorkAsync(_node.Lifetime.Token), CancellationToken.None);

    /// <summary>Waits for the worker to end; cancel the node's lifetime first.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_worker is not null)
        {
            await _worker.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private Task OnMessageReceivedAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        _queue.Writer.TryWrite(new InboundMessage(e.ApplicationMessage.Topic, e.ApplicationMessage.Payload.ToArray()));
        return Task.CompletedTask;
    }

    private async Task WorkAsync(CancellationToken ct)
    {
        await foreach (var message in _queue.Reader.ReadAllAsync(ct))
        {
            try
            {
                await _link.InjectLatencyAsync(ct);
                await HandleAsync(message, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                _node.LastError = $"handling {message.Topic}: {ex.Message}";
            }
        }
    }

    private async Task HandleAsync(InboundMessage message, CancellationToken ct)
    {
        var validated = PayloadValidator.Validate(_node.Options.Site, message.Topic, message.Payload);
        if (!validated.IsValid)
        {
            _node.Raise(NodeActivityKind.MessageRejected, detail: $"{message.Topic}: {validated.Reason}");
            return;
        }

        // Defensive: only act on our own device topics, whatever the broker delivers.
        if (validated.Topic.Kind is TopicKind.Desired or TopicKind.Command && validated.Topic.Subject != _node.DeviceId)
        {
            return;
        }

        switch (validated.Message)
        {
            case DesiredStateMessage desired:
                await _desired.ApplyAsync(desired, ct);
                break;
            case CommandMessage command:
                await _commands.HandleAsync(command, ct);
                break;
            case HubStateMessage hub:
                HubStatus = hub.Status;
                break;
            case TimeReplyMessage reply when validated.Topic.Subject == _node.DeviceId:
                _audio.OnTimeReply(reply);
                break;
            case PlayOrderMessage order:
                _audio.OnPlayOrder(validated.Topic.Subject!, order);
                break;
            case null when validated.Topic.Kind == TopicKind.Stream:
                _audio.OnFrames(validated.Topic.Subject!, message.Payload);
                break;
            default:
                break;
        }
    }

    private sealed record InboundMessage(string Topic, byte[] Payload);
}
