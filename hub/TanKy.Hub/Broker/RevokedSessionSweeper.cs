using Microsoft.Extensions.Logging;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace TanKy.Hub.Broker;

/// <summary>
/// Drops live device sessions whose credentials are no longer valid: after
/// <c>tanky-hub devices rotate-secret</c> (stolen secret) or <c>devices remove</c>, a thief
/// already connected with the old secret must not stay connected until their next reconnect.
/// Compares each session's <see cref="MqttIdentity.CredentialStamp"/> with the registry's.
/// </summary>
internal sealed class RevokedSessionSweeper(IDeviceAuthenticator devices, ILogger logger)
{
    /// <summary>Checks every connected device once; returns how many sessions were dropped.</summary>
    public async Task<int> SweepAsync(MqttServer server)
    {
        var stamps = devices.CredentialStamps();
        if (stamps is null)
        {
            return 0;
        }

        var dropped = 0;
        foreach (var client in await server.GetClientsAsync())
        {
            var identity = BrokerPolicy.IdentityOf(client.Session?.Items);
            if (identity is not { Kind: MqttIdentityKind.Device, CredentialStamp: { } stamp })
            {
                continue;
            }

            var removed = !stamps.TryGetValue(identity.Name, out var current);
            if (!removed && current == stamp)
            {
                continue;
            }

            logger.LogWarning("Disconnected MQTT client {ClientId} from {RemoteEndPoint}: device {DeviceId} {Reason} since it connected",
                client.Id, client.RemoteEndPoint, identity.Name, removed ? "was removed" : "had its secret rotated");
            await client.DisconnectAsync(new MqttServerClientDisconnectOptionsBuilder().WithReasonCode(MqttDisconnectReasonCode.AdministrativeAction).Build());
            dropped++;
        }

        return dropped;
    }

    public async Task RunAsync(MqttServer server, TimeSpan interval, TimeProvider time, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval, time);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            try
            {
                await SweepAsync(server);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning("Credential check of live MQTT sessions failed: {Error}", ex.Message);
            }
        }
    }
}
