using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using TanKy.Hub.Broker;

namespace TanKy.Hub.Tests.DeviceControl;

/// <summary>
/// Records what a service publishes, for unit tests of one service with a fake clock. The
/// round trips through a real broker and real simulated devices are the end-to-end tests.
/// </summary>
internal sealed class CapturingMqtt : IHubMqtt
{
    public ConcurrentQueue<(string Topic, JsonObject Json, bool Retain)> Published { get; } = new();

    public bool IsConnected => true;

    /// <summary>When true, a publish throws, as one to a broker that went away does.</summary>
    public bool Fails { get; set; }

    public Task PublishAsync(string topic, ReadOnlyMemory<byte> payload, bool retain, int qos = 1, CancellationToken cancellationToken = default)
    {
        if (Fails)
        {
            throw new InvalidOperationException("MQTT client is not connected");
        }

        Published.Enqueue((topic, JsonNode.Parse(payload.Span)!.AsObject(), retain));
        return Task.CompletedTask;
    }
}
