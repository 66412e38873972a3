using System.Threading.Channels;
using TanKy.Hub.Broker;
using TanKy.Protocol;

namespace TanKy.Hub.Tests.Broker;

/// <summary>An <see cref="IDeviceMessageHandler"/> that records what it is given; optionally throws on chosen messages.</summary>
internal sealed class RecordingHandler(Func<TopicKind, bool> handles, Func<DeviceMessage, bool>? throwOn = null) : IDeviceMessageHandler
{
    private readonly Channel<DeviceMessage> _seen = Channel.CreateUnbounded<DeviceMessage>();
    private int _concurrent;

    public int MaxConcurrency { get; private set; }

    public bool Handles(TopicKind kind) => handles(kind);

    public async ValueTask HandleAsync(DeviceMessage message, CancellationToken cancellationToken)
    {
        var now = Interlocked.Increment(ref _concurrent);
        MaxConcurrency = Math.Max(MaxConcurrency, now);
        try
        {
            await Task.Yield();
            _seen.Writer.TryWrite(message);
            if (throwOn?.Invoke(message) == true)
            {
                throw new InvalidOperationException("handler failure for the test");
            }
        }
        finally
        {
            Interlocked.Decrement(ref _concurrent);
        }
    }

    public async Task<DeviceMessage> NextAsync() => await _seen.Reader.ReadAsync().AsTask().WaitAsync(TestMqttClient.Timeout);
}
