using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Text;
using MQTTnet;
using MQTTnet.Protocol;
using TanKy.Protocol;
using TanKy.Protocol.Tests.Contract;

namespace TanKy.EndToEnd.Tests.Contract;

/// <summary>
/// A technician's read-only MQTT client (the <c>tools</c> account, protocol.md §2.6) subscribed to
/// <c>tanky/v1/{site}/#</c>: it records every message the hub and the devices publish, and checks each
/// against the contract — JSON payloads against the schema of their topic (hub/docs/schemas, and
/// the device kind's for desired/reported), audio messages against the §8.1.1 byte layout.
/// </summary>
public sealed class ContractRecorder : IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly ConcurrentQueue<(string Topic, byte[] Payload, bool Retain)> _messages = new();
    private readonly List<(Func<string, string, bool> Match, TaskCompletionSource Seen)> _waits = [];

    private ContractRecorder()
    {
        _client.ApplicationMessageReceivedAsync += e =>
        {
            var m = e.ApplicationMessage;
            var payload = m.Payload.ToArray();
            _messages.Enqueue((m.Topic, payload, m.Retain));
            lock (_waits)
            {
                var text = m.Topic.Contains("/stream/", StringComparison.Ordinal) ? "" : Encoding.UTF8.GetString(payload);
                foreach (var w in _waits.Where(w => w.Match(m.Topic, text)))
                {
                    w.Seen.TrySetResult();
                }
            }

            return Task.CompletedTask;
        };
    }

    public IReadOnlyList<(string Topic, byte[] Payload, bool Retain)> Messages => _messages.ToList();

    public static async Task<ContractRecorder> ConnectAsync(int port, string site, string password)
    {
        var recorder = new ContractRecorder();
        await recorder._client.ConnectAsync(new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port).WithClientId("tools-contract").WithCredentials("tools", password)
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500).Build());
        var granted = await recorder._client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter($"tanky/v1/{site}/#", MqttQualityOfServiceLevel.AtLeastOnce).Build());
        if (granted.Items.Any(i => i.ResultCode > MqttClientSubscribeResultCode.GrantedQoS2))
        {
            throw new InvalidOperationException($"the broker refused the tools subscription: {granted.Items.First().ResultCode}");
        }

        return recorder;
    }

    /// <summary>Completes when a message on a topic ending in <paramref name="topicSuffix"/> whose text contains <paramref name="contains"/> has been recorded.</summary>
    public Task WaitForAsync(string topicSuffix, string contains, TimeSpan timeout)
    {
        bool Match(string topic, string text) => topic.EndsWith(topicSuffix, StringComparison.Ordinal) && text.Contains(contains, StringComparison.Ordinal);
        var tcs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waits)
        {
            if (_messages.Any(m => Match(m.Topic, m.Topic.Contains("/stream/", StringComparison.Ordinal) ? "" : Encoding.UTF8.GetString(m.Payload))))
            {
                return Task.CompletedTask;
            }

            _waits.Add((Match, tcs));
        }

        return tcs.Task.WaitAsync(timeout);
    }

    /// <summary>
    /// Every recorded message that breaks the contract, with why. <paramref name="kindOf"/> gives
    /// the registry kind of a device id, for the per-kind desired and reported schemas.
    /// </summary>
    public List<string> Violations(Func<string, DeviceKind?> kindOf)
    {
        var violations = new List<string>();
        foreach (var (topic, payload, _) in _messages)
        {
            if (payload.Length == 0)
            {
                continue; // §3.2: the MQTT deletion of a retained message, not a protocol message.
            }

            if (Topics.TryParse(topic, out var parsed) && parsed.Kind == TopicKind.Stream)
            {
                if (AudioHeaderViolation(parsed.Subject!, payload) is { } why)
                {
                    violations.Add($"{topic}: {why} ({Convert.ToHexString(payload.AsSpan(0, Math.Min(payload.Length, 32)))}…)");
                }

                continue;
            }

            var json = Encoding.UTF8.GetString(payload);
            if (ContractSchemas.ForTopic(topic) is not { } schema)
            {
                violations.Add($"{topic}: no topic of the contract");
                continue;
            }

            var errors = ContractSchemas.Errors(schema, json);
            if (errors is null && parsed.Subject is { } id && parsed.Kind is TopicKind.Desired or TopicKind.Reported
                && kindOf(id) is { } kind && ContractSchemas.ForDeviceKind(parsed.Kind, kind) is { } perKind)
            {
                schema = perKind;
                errors = ContractSchemas.Errors(perKind, json);
            }

            if (errors is not null)
            {
                violations.Add($"{topic}: {json}\n    against {schema}: {errors}");
            }
        }

        return violations;
    }

    /// <summary>
    /// The rules of protocol.md §8.1.1 and §8.1.3 (1–4) that a node applies before anything else,
    /// read here independently of the hub's <c>AudioFrameMessage</c>: sizes, magic, version,
    /// codec, frame count and size, play-out time, the stream hash of the topic's stream id, the
    /// sequence range and the length-prefixed frames filling the message exactly.
    /// </summary>
    public static string? AudioHeaderViolation(string streamId, ReadOnlySpan<byte> m)
    {
        if (m.Length is < 28 or > 8192)
        {
            return $"length {m.Length} outside 28–8192";
        }

        if (m[0] != (byte)'T' || m[1] != (byte)'K' || m[2] != 1 || m[3] != 1)
        {
            return "magic TK, version 1 and codec 1 expected";
        }

        int count = m[5];
        var samples = BinaryPrimitives.ReadUInt16LittleEndian(m[6..]);
        var playout = BinaryPrimitives.ReadInt64LittleEndian(m[8..]);
        var hash = BinaryPrimitives.ReadUInt32LittleEndian(m[16..]);
        var firstSeq = BinaryPrimitives.ReadUInt32LittleEndian(m[24..]);
        if (count is < 1 or > 16)
        {
            return $"frameCount {count} outside 1–16";
        }

        if (samples is not (120 or 240 or 480 or 960 or 1920 or 2880))
        {
            return $"frameSamples {samples} is not an Opus frame size";
        }

        if (playout < 0)
        {
            return "playoutUs < 0";
        }

        if ((ulong)firstSeq + (ulong)count - 1 > uint.MaxValue)
        {
            return "sequence overflows uint32";
        }

        var expected = 0x811C9DC5u;
        foreach (var b in Encoding.UTF8.GetBytes(streamId))
        {
            expected = (expected ^ b) * 0x01000193u;
        }

        if (hash != expected)
        {
            return $"streamHash {hash:X8} is not FNV-1a of '{streamId}' ({expected:X8})";
        }

        var at = 28;
        for (var i = 0; i < count; i++)
        {
            if (at + 2 > m.Length)
            {
                return $"frame {i}: length prefix truncated";
            }

            var n = BinaryPrimitives.ReadUInt16LittleEndian(m[at..]);
            if (n > 1275 || at + 2 + n > m.Length)
            {
                return $"frame {i}: length {n} too long";
            }

            at += 2 + n;
        }

        return at == m.Length ? null : $"{m.Length - at} bytes after the last frame";
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync();
        }

        _client.Dispose();
    }
}
