using System.Net;
using Microsoft.Extensions.Options;

namespace TanKy.Hub.Broker;

/// <summary>Refuses a broker configuration that cannot work, at start, with the setting named.</summary>
internal sealed class BrokerOptionsValidator : IValidateOptions<BrokerOptions>
{
    /// <summary>The largest remaining length MQTT can encode.</summary>
    private const int MqttMaxPacketSize = 268_435_455;

    public ValidateOptionsResult Validate(string? name, BrokerOptions options)
    {
        var errors = new List<string>();
        if (!IPAddress.TryParse(options.BindAddress, out _))
        {
            errors.Add($"Broker:BindAddress '{options.BindAddress}' is not an IP address");
        }

        CheckPort(errors, "Broker:Port", options.Port);
        if (options.MaxPacketSize is < 1024 or > MqttMaxPacketSize)
        {
            errors.Add($"Broker:MaxPacketSize must be 1024–{MqttMaxPacketSize} bytes");
        }

        if (options.MaxConnections < 1)
        {
            errors.Add("Broker:MaxConnections must be at least 1");
        }

        if (options.MaxPendingConnections < 1)
        {
            errors.Add("Broker:MaxPendingConnections must be at least 1");
        }

        if (options.ConnectTimeout <= TimeSpan.Zero)
        {
            errors.Add("Broker:ConnectTimeout must be positive");
        }

        if (options.MaxBytesBeforeConnect is < 64 or > MqttMaxPacketSize)
        {
            errors.Add($"Broker:MaxBytesBeforeConnect must be 64–{MqttMaxPacketSize} bytes");
        }

        if (options.CredentialCheckInterval < TimeSpan.FromMilliseconds(100))
        {
            errors.Add("Broker:CredentialCheckInterval must be at least 00:00:00.1");
        }

        if (options.RateLimit.MessagesPerSecond is <= 0 or double.NaN or double.PositiveInfinity)
        {
            errors.Add("Broker:RateLimit:MessagesPerSecond must be a positive number");
        }

        if (options.RateLimit.Burst < 1)
        {
            errors.Add("Broker:RateLimit:Burst must be at least 1");
        }

        if (options.Tls.Enabled)
        {
            CheckPort(errors, "Broker:Tls:Port", options.Tls.Port);
            if (options.Tls.BindAddress is { Length: > 0 } tlsBind && !IPAddress.TryParse(tlsBind, out _))
            {
                errors.Add($"Broker:Tls:BindAddress '{tlsBind}' is not an IP address");
            }

            if (string.IsNullOrWhiteSpace(options.Tls.CertificateFile))
            {
                errors.Add("Broker:Tls:CertificateFile is required when TLS is enabled");
            }
        }

        if (options.Tools.Enabled && options.Tools.PasswordHash?.StartsWith("$7$", StringComparison.Ordinal) != true)
        {
            errors.Add("Broker:Tools:PasswordHash must be a $7$ hash when the tools account is enabled");
        }

        if (options.Mode == BrokerMode.External)
        {
            if (string.IsNullOrWhiteSpace(options.External.Host))
            {
                errors.Add("Broker:External:Host is required in External mode");
            }

            CheckPort(errors, "Broker:External:Port", options.External.Port);
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void CheckPort(List<string> errors, string key, int port)
    {
        // 0 lets the OS choose (tests); anything else must be a real port.
        if (port is < 0 or > 65535)
        {
            errors.Add($"{key} must be 0–65535");
        }
    }
}
