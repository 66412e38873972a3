using System.Text;
using TanKy.Hub.Broker;
using TanKy.Protocol;
using TanKy.Protocol.Messages;

namespace TanKy.Hub.Tests.Broker;

/// <summary>The hub's MQTT will is a protocol <c>hub/state</c> message, built by <see cref="ProtocolJson"/>.</summary>
public sealed class HubWill_Tests
{
    [Fact]
    public void The_will_is_the_offline_hub_state_of_this_boot_without_a_time()
    {
        var payload = HubMqttConnection.WillPayload("0123456789abcdef");

        // The bytes the hand-built JSON had before ProtocolJson built it.
        Encoding.UTF8.GetString(payload).Should().Be("""{"v":1,"status":"offline","boot":"0123456789abcdef"}""");
        var result = PayloadValidator.Validate("tan-ky", new Topics("tan-ky").HubState, payload);
        result.IsValid.Should().BeTrue(result.Reason);
        result.Message.Should().BeEquivalentTo(new HubStateMessage { V = 1, Status = ProtocolConstants.StatusOffline, Boot = "0123456789abcdef", Ts = 0 });
    }
}
