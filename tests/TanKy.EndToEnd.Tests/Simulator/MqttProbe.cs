using System.Buffers;
using System.Text;
using System.Text.Json.Nodes;
using MQTTnet;
using MQTTnet.Protocol;

namespace TanKy.EndToEnd.Tests.Simulator;

/// <summary>One message a probe saw.</summary>
internal sealed record ProbeMessage(string Topic, string Payload, bool Retained)
{
    public JsonObject Json => (JsonObject)JsonNode.Parse(Payload)!;

    public byte[] Bytes => Encoding.UTF8.GetBytes(Payload);
}

/// <summary>
/// A plain MQTT client playing the hub's part in tests: it watches everything under the site
/// root and publishes desired state and commands.
/// </summary>
internal sealed class MqttProbe : IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly Lock _gate = new();
    private readonly List<ProbeMessage> _seen = [];
    private readonly List<(Func<ProbeMessage, bool> Match, TaskCompletionSource<ProbeMessage> Done)> _waiters = [];

    public const string Root = "tanky/v1/tan-ky";

    public static async Task<MqttProbe> ConnectAsync(int port, string clientId = "probe")
    {
        var probe = new MqttProbe();
        probe._client.ApplicationMessageReceivedAsync += e =>
        {
            var m = e.ApplicationMessage;
            probe.Record(new ProbeMessage(m.Topic, Encoding.UTF8.GetString(m.Payload.ToArray()), m.Retain));
            return Task.CompletedTask;
        };
        var options = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId(clientId).WithCleanStart(true).Build();
        await probe._client.ConnectAsync(options);
        await probe._client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter($"{Root}/#", MqttQualityOfServiceLevel.AtLeastOnce).Build());
        return probe;
    }

    public IReadOnlyList<ProbeMessage> Seen
    {
        get
        {
            lock (_gate)
            {
                return [.. _seen];
            }
        }
    }

    /// <summary>The first message (already seen or still to come) matching <paramref name="match"/>.</summary>
    public async Task<ProbeMessage> WaitForAsync(Func<ProbeMessage, bool> match, TimeSpan? timeout = null)
    {
        var done = new TaskCompletionSource<ProbeMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            var past = _seen.FirstOrDefault(match);
            if (past is not null)
            {
                return past;
            }

            _waiters.Add((match, done));
        }

        return await done.Task.WaitAsync(timeout ?? Waits.Default);
    }

    public Task PublishAsync(string subTopic, string json, bool retain = false) =>
        _client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic($"{Root}/{subTopic}")
            .WithPayload(json)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithRetainFlag(retain)
            .Build());

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync();
        }

        _client.Dispose();
    }

    private void Record(ProbeMessage message)
    {
        List<TaskCompletionSource<ProbeMessage>> hit = [];
        lock (_gate)
        {
            _seen.Add(message);
            foreach (var w in _waiters.Where(w => w.Match(message)).ToList())
            {
                hit.Add(w.Done);
                _waiters.Remove(w);
            }
        }

        hit.ForEach(d => d.TrySetResult(message));
    }
}
