using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace TanKy.Hub.Devices.Control.Snapshots;

/// <summary>Where a camera uploads the snapshot of one command: configured, or the hub's own listening address.</summary>
public sealed class SnapshotAddress(IOptions<ControlOptions> options, IServiceProvider services)
{
    public string UploadUrl(string deviceId, string commandId) => $"{BaseUrl().TrimEnd('/')}/api/v1/devices/{deviceId}/snapshots/{commandId}";

    private string BaseUrl()
    {
        if (!string.IsNullOrWhiteSpace(options.Value.SnapshotUploadBaseUrl))
        {
            return options.Value.SnapshotUploadBaseUrl;
        }

        // The bound address (not the configured one) so a port chosen by the OS (":0") is right.
        var addresses = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses;
        return addresses?.FirstOrDefault() ?? "http://127.0.0.1:8080";
    }
}
