using Microsoft.Extensions.Options;
using TanKy.Hub.Shared;

namespace TanKy.Hub.Broker;

/// <summary>An outside broker (Broker:Mode = External): settings from Broker:External, password from there or from the exporter's credentials file.</summary>
internal sealed class ExternalBrokerEndpoint(IOptions<BrokerOptions> options, IOptions<HubOptions> hub) : IBrokerEndpoint
{
    public Task WaitReadyAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public BrokerConnectionSettings Resolve()
    {
        var external = options.Value.External;
        if (!string.IsNullOrEmpty(external.Password))
        {
            return new BrokerConnectionSettings(external.Host, external.Port, external.UseTls, external.UserName, external.Password);
        }

        var file = CredentialsFile(external, hub.Value);
        if (!File.Exists(file))
        {
            throw new InvalidOperationException(
                $"Broker:External:Password is empty and {file} does not exist; run 'tanky-hub broker export-mosquitto-config' or set the password");
        }

        var credentials = ExternalBrokerCredentials.Read(file);
        return new BrokerConnectionSettings(external.Host, external.Port, external.UseTls, credentials.UserName, credentials.Password);
    }

    public static string CredentialsFile(ExternalBrokerOptions external, HubOptions hub) =>
        string.IsNullOrEmpty(external.CredentialsFile)
            ? Path.Combine(Path.GetFullPath(hub.DataDir), ExternalBrokerCredentials.DefaultFileName)
            : external.CredentialsFile;
}
