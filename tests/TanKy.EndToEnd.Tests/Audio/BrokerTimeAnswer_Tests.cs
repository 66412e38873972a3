using System.Buffers;
using System.Text;
using System.Text.Json.Nodes;
using MQTTnet;
using MQTTnet.Protocol;
using TanKy.EndToEnd.Tests.Foundation;
using TanKy.Hub.Broadcasts.Clock;
using TanKy.Protocol;

namespace TanKy.EndToEnd.Tests.Audio;

/// <summary>
/// With the embedded broker the hub answers <c>dev/{id}/time</c> inside the broker's publish
/// interceptor (protocol.md §8.2.1): the reply reaches the device, carries its t1 and hub-clock
/// t2 ≤ t3, and the request goes no further (the hub client's responder never sees it).
/// </summary>
public sealed class BrokerTimeAnswer_Tests
{
    [Fact]
    public async Task The_embedded_broker_answers_a_time_request_itself_with_t2_before_t3()
    {
        await using var commune = await CommuneHarness.StartAsync();
        var topics = new Topics("tan-ky");
        const string id = "loa-khoi-1-a";
        var reply = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var client = new MqttClientFactory().CreateMqttClient();
        client.ApplicationMessageReceivedAsync += e =>
        {
            if (e.ApplicationMessage.Topic == topics.TimeReply(id))
            {
                reply.TrySetResult((JsonObject)JsonNode.Parse(Encoding.UTF8.GetString(e.ApplicationMessage.Payload.ToArray()))!);
            }

            return Task.CompletedTask;
        };
        await client.ConnectAsync(new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", commune.Hub.MqttPort)
            .WithClientId(id)
            .WithCredentials(id, commune.Secrets[id])
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500)
            .Build());
        await client.SubscribeAsync(topics.TimeReply(id), MqttQualityOfServiceLevel.AtMostOnce);

        var before = HubClock.ToMicros(DateTimeOffset.UtcNow);
        await client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topics.TimeRequest(id)).WithPayload("{\"v\":1,\"t1\":123456789}"u8.ToArray()).Build());
        var answer = await reply.Task.WaitAsync(CommuneHarness.Wait);
        var after = HubClock.ToMicros(DateTimeOffset.UtcNow);

        answer["v"]!.GetValue<int>().Should().Be(1);
        answer["t1"]!.GetValue<long>().Should().Be(123456789);
        var t2 = answer["t2"]!.GetValue<long>();
        var t3 = answer["t3"]!.GetValue<long>();
        t2.Should().BeInRange(before, after);
        t3.Should().BeInRange(t2, after);
        commune.Hub.Get<TimeSyncResponder>().Answered.Should().Be(0, "the request is answered in the broker and not forwarded to the hub client");
    }
}
