using System.Security.Cryptography;
using System.Text;
using TanKy.Protocol;
using TanKy.Hub.Shared;

namespace TanKy.Hub.Broker;

/// <summary>
/// Decides who a connecting MQTT client is: the hub itself (internal per-process password), the
/// tools account, or a registered device (user name = client id = device id, secret checked by
/// <see cref="IDeviceAuthenticator"/>). Anything else gets null and a reason that never
/// contains the password.
/// </summary>
internal sealed class BrokerAuthenticator
{
    private readonly IDeviceAuthenticator _devices;
    private readonly byte[] _internalPassword;
    private readonly string? _toolsPasswordHash;
    private readonly string _hubClientId;

    public BrokerAuthenticator(IDeviceAuthenticator devices, string site, string internalPassword, BrokerToolsOptions tools)
    {
        _devices = devices;
        _internalPassword = Encoding.UTF8.GetBytes(internalPassword);
        _toolsPasswordHash = tools.Enabled && !string.IsNullOrEmpty(tools.PasswordHash) ? tools.PasswordHash : null;
        _hubClientId = BrokerIdentities.HubClientId(site);
    }

    public MqttIdentity? Authenticate(string? clientId, string? userName, string? password, out string refusal)
    {
        refusal = "";
        if (string.IsNullOrEmpty(userName) || string.IsNullOrEmpty(password) || string.IsNullOrEmpty(clientId))
        {
            refusal = "missing client id, user name or password";
            return null;
        }

        if (userName == BrokerIdentities.HubUserName)
        {
            return AuthenticateHub(clientId, password, out refusal);
        }

        if (userName == BrokerIdentities.ToolsUserName)
        {
            return AuthenticateTools(clientId, password, out refusal);
        }

        return AuthenticateDevice(clientId, userName, password, out refusal);
    }

    private MqttIdentity? AuthenticateHub(string clientId, string password, out string refusal)
    {
        refusal = "";
        var ok = CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(password), _internalPassword);
        if (!ok)
        {
            refusal = "wrong hub password";
            return null;
        }

        if (clientId != _hubClientId)
        {
            refusal = $"the hub connects as '{_hubClientId}'";
            return null;
        }

        return MqttIdentity.Hub;
    }

    private MqttIdentity? AuthenticateTools(string clientId, string password, out string refusal)
    {
        refusal = "";
        if (_toolsPasswordHash is null)
        {
            refusal = "tools account disabled";
            return null;
        }

        if (!BrokerIdentities.IsToolsClientId(clientId))
        {
            refusal = "tools clients use client id 'tools' or 'tools-…'";
            return null;
        }

        if (!SecretHasher.Verify(password, _toolsPasswordHash))
        {
            refusal = "wrong tools password";
            return null;
        }

        return MqttIdentity.Tools;
    }

    private MqttIdentity? AuthenticateDevice(string clientId, string userName, string password, out string refusal)
    {
        refusal = "";
        if (userName != clientId)
        {
            refusal = "a device's user name must equal its client id";
            return null;
        }

        if (!Identifiers.IsValid(userName) || BrokerIdentities.IsReserved(userName))
        {
            refusal = "not a valid device id";
            return null;
        }

        DeviceAccess? access;
        try
        {
            access = _devices.Authenticate(userName, password);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A registry failure must refuse the connection, not crash the broker's accept loop.
            refusal = $"device registry error: {ex.GetType().Name}";
            return null;
        }

        if (access is null || access.DeviceId != userName)
        {
            refusal = "unknown device or wrong secret";
            return null;
        }

        return MqttIdentity.Device(access.DeviceId, access.Zones, access.CredentialStamp);
    }
}
