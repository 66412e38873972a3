using System.Collections.Concurrent;
using System.Text;
using TanKy.Hub.Broker;

namespace TanKy.Hub.Tests.Schedules;

/// <summary>An <see cref="IHubMqtt"/> that keeps what was published (topic, UTF-8 payload).</summary>
internal sealed class RecordingMqtt : IHubMqtt
{
    public ConcurrentQueue<(string Topic, string Payload)> Published { get; } = new();

    public bool IsConnected => true;

    public Task PublishAsync(string topic, ReadOnlyMemory<byte> payload, bool retain, int qos = 1, CancellationToken cancellationToken = default)
    {
        Published.Enqueue((topic, Encoding.UTF8.GetString(payload.Span)));
        return Task.CompletedTask;
    }
}
