using System.Buffers;
using System.Text;
using System.Threading.Channels;
using MQTTnet;
using MQTTnet.Adapter;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace TanKy.Hub.Tests.Broker;

/// <summary>A real MQTTnet client for tests, collecting what it receives in a channel.</summary>
internal sealed class TestMqttClient : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private readonly Channel<MqttApplicationMessage> _received = Channel.CreateUnbounded<MqttApplicationMessage>();
    private readonly TaskCompletionSource<MqttClientDisconnectedEventArgs> _disconnected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private MqttClientConnectResult? _refusal;

    private TestMqttClient()
    {
        Client = new MqttClientFactory().CreateMqttClient();
        Client.ApplicationMessageReceivedAsync += e =>
        {
            // Copy: the payload buffer belongs to MQTTnet after the handler returns.
            var m = e.ApplicationMessage;
            _received.Writer.TryWrite(new MqttApplicationMessageBuilder().WithTopic(m.Topic).WithPayload(m.Payload.ToArray()).WithRetainFlag(m.Retain).Build());
            return Task.CompletedTask;
        };
        Client.DisconnectedAsync += e =>
        {
            if (e.ClientWasConnected)
            {
                _disconnected.TrySetResult(e);
            }
            else
            {
                _refusal = e.ConnectResult;
            }

            return Task.CompletedTask;
        };
    }

    public IMqttClient Client { get; }

    public Task<MqttClientDisconnectedEventArgs> Disconnected => _disconnected.Task;

    public static async Task<TestMqttClient> ConnectAsync(int port, string clientId, string? user, string? password,
        MqttProtocolVersion version = MqttProtocolVersion.V500, Action<MqttClientOptionsBuilder>? configure = null)
    {
        var (client, result) = await TryConnectAsync(port, clientId, user, password, version, configure);
        if (result != MqttClientConnectResultCode.Success)
        {
            await client.DisposeAsync();
            throw new InvalidOperationException($"connect {clientId} refused: {result}");
        }

        return client;
    }

    public static async Task<(TestMqttClient Client, MqttClientConnectResultCode Result)> TryConnectAsync(int port, string clientId, string? user, string? password,
        MqttProtocolVersion version = MqttProtocolVersion.V500, Action<MqttClientOptionsBuilder>? configure = null)
    {
        var client = new TestMqttClient();
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithClientId(clientId)
            .WithProtocolVersion(version)
            .WithTimeout(Timeout);
        if (user is not null)
        {
            builder = builder.WithCredentials(user, password);
        }

        configure?.Invoke(builder);
        try
        {
            var result = await client.Client.ConnectAsync(builder.Build()).WaitAsync(Timeout);
            return (client, result.ResultCode);
        }
        catch (MqttConnectingFailedException)
        {
            // MQTTnet 5 reports the CONNACK reason through the Disconnected event of the failed attempt.
            return (client, client._refusal?.ResultCode ?? MqttClientConnectResultCode.UnspecifiedError);
        }
    }

    public async Task<MqttClientSubscribeResultCode> SubscribeAsync(string filter, MqttQualityOfServiceLevel qos = MqttQualityOfServiceLevel.AtLeastOnce)
    {
        var result = await Client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(filter, qos).Build()).WaitAsync(Timeout);
        return result.Items.Single().ResultCode;
    }

    public Task<MqttClientPublishResult> PublishAsync(string topic, string payload, int qos = 1, bool retain = false) =>
        PublishAsync(topic, Encoding.UTF8.GetBytes(payload), qos, retain);

    public Task<MqttClientPublishResult> PublishAsync(string topic, byte[] payload, int qos = 1, bool retain = false) =>
        Client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel((MqttQualityOfServiceLevel)qos)
            .WithRetainFlag(retain)
            .Build()).WaitAsync(Timeout);

    /// <summary>The next message received, failing the test after <see cref="Timeout"/>.</summary>
    public async Task<MqttApplicationMessage> NextAsync(TimeSpan? timeout = null) =>
        await _received.Reader.ReadAsync().AsTask().WaitAsync(timeout ?? Timeout);

    /// <summary>Waits for the next message on <paramref name="topic"/>, skipping others.</summary>
    public async Task<MqttApplicationMessage> NextOnAsync(string topic, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? Timeout);
        while (true)
        {
            var m = await _received.Reader.ReadAsync(cts.Token);
            if (m.Topic == topic)
            {
                return m;
            }
        }
    }

    /// <summary>True if nothing arrives on <paramref name="topic"/> before a marker message on <paramref name="markerTopic"/>.</summary>
    public async Task<List<MqttApplicationMessage>> ReceiveUntilAsync(string markerTopic)
    {
        var seen = new List<MqttApplicationMessage>();
        using var cts = new CancellationTokenSource(Timeout);
        while (true)
        {
            var m = await _received.Reader.ReadAsync(cts.Token);
            if (m.Topic == markerTopic)
            {
                return seen;
            }

            seen.Add(m);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Client.IsConnected)
        {
            try
            {
                await Client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build()).WaitAsync(Timeout);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
            }
        }

        Client.Dispose();
    }
}
