using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using TanKy.Web.Tests.Support;

namespace TanKy.Web.Tests.Https;

/// <summary>The ports a hub started with <c>http://127.0.0.1:0;https://127.0.0.1:0</c> bound.</summary>
public static class HubAddresses
{
    public static int Port(this ConsoleHub hub, string scheme) =>
        hub.Get<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Select(a => new Uri(a)).Single(u => u.Scheme == scheme).Port;
}
