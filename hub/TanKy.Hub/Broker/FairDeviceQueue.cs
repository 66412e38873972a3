using TanKy.Protocol;

namespace TanKy.Hub.Broker;

/// <summary>
/// One handler's inbound queue, fair between devices: a FIFO per device, served round-robin one
/// message per device per turn, so a quiet device's message waits behind at most one message of
/// each other busy device, never behind a loud device's backlog. Each device's queue is bounded on
/// its own: telemetry and clock-sync requests (sheddable) beyond <c>sheddablePerDevice</c>, or other
/// messages beyond <c>controlPerDevice</c>, are refused, and only that device loses them. Births,
/// wills, events, reported state and command replies are never shed for another device's traffic.
/// Single reader.
/// </summary>
internal sealed class FairDeviceQueue(int sheddablePerDevice, int controlPerDevice)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, DeviceLine> _lines = new(StringComparer.Ordinal);
    private readonly Queue<DeviceLine> _turns = new();
    private readonly SemaphoreSlim _available = new(0);
    private bool _completed;

    /// <summary>Messages waiting, all devices together.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _turns.Sum(l => l.Items.Count);
            }
        }
    }

    public static bool IsSheddable(TopicKind kind) => kind is TopicKind.Telemetry or TopicKind.TimeRequest;

    /// <summary>Queues <paramref name="message"/>; false when its device's queue is full (or the queue was completed).</summary>
    public bool TryEnqueue(DeviceMessage message)
    {
        var sheddable = IsSheddable(message.Topic.Kind);
        lock (_gate)
        {
            if (_completed)
            {
                return false;
            }

            if (!_lines.TryGetValue(message.DeviceId, out var line))
            {
                line = new DeviceLine();
                _lines.Add(message.DeviceId, line);
                _turns.Enqueue(line);
            }

            if (sheddable ? line.Sheddable >= sheddablePerDevice : line.Items.Count - line.Sheddable >= controlPerDevice)
            {
                return false;
            }

            line.Items.Enqueue(message);
            line.Sheddable += sheddable ? 1 : 0;
        }

        _available.Release();
        return true;
    }

    /// <summary>The next message in round-robin order; null once <see cref="Complete"/> was called and everything was read.</summary>
    public async ValueTask<DeviceMessage?> DequeueAsync(CancellationToken cancellationToken)
    {
        await _available.WaitAsync(cancellationToken);
        lock (_gate)
        {
            if (_turns.Count == 0)
            {
                // Only Complete's extra release gets here: leave it for the next call too.
                _available.Release();
                return null;
            }

            var line = _turns.Dequeue();
            var message = line.Items.Dequeue();
            line.Sheddable -= IsSheddable(message.Topic.Kind) ? 1 : 0;
            if (line.Items.Count > 0)
            {
                _turns.Enqueue(line);
            }
            else
            {
                // An idle device costs nothing: its line comes back with its next message.
                _lines.Remove(message.DeviceId);
            }

            return message;
        }
    }

    /// <summary>No more messages: <see cref="DequeueAsync"/> returns what is queued, then null.</summary>
    public void Complete()
    {
        lock (_gate)
        {
            if (_completed)
            {
                return;
            }

            _completed = true;
        }

        _available.Release();
    }

    private sealed class DeviceLine
    {
        public Queue<DeviceMessage> Items { get; } = new();

        public int Sheddable { get; set; }
    }
}
