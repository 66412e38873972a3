using TanKy.Hub.Shared;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TanKy.Hub.Accounts;
using TanKy.Hub.Storage;
using TanKy.Hub.Web;

namespace TanKy.Hub.Tests.Support;

/// <summary>
/// One feature's HTTP endpoints on a real Kestrel port over a test data directory, with the hub's
/// core, storage, accounts and bearer authentication — without the rest of the hub. The host reads
/// <c>clock</c> (normally the test data directory's FakeTimeProvider), never the system clock, so
/// the fixed dates a test seeds and posts mean the same thing on every day the suite runs.
/// </summary>
public static class FeatureApi
{
    public static async Task<(WebApplication App, Uri Base)> StartAsync(
        string dataDir, TimeProvider clock, IDictionary<string, string?> settings, Action<WebApplicationBuilder> addFeature, Action<WebApplication> mapFeature)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(settings)
        {
            ["Hub:DataDir"] = dataDir,
            ["Http:Urls"] = "http://127.0.0.1:0",
        });
        builder.Logging.ClearProviders();
        builder.Services.AddHubCore(builder.Configuration).AddStorage().AddAccounts();
        builder.Services.AddSingleton(clock); // after AddHubCore's TimeProvider.System: this one wins
        builder.Services.AddWebApi(builder.Configuration);
        addFeature(builder);
        var app = builder.Build();
        // The request's language (tanky.lang cookie, then Accept-Language), as the hub's pipeline does.
        TanKy.Hub.Shared.Text.TextRegistration.UseHubText(app);
        app.UseAuthentication();
        app.UseAuthorization();
        mapFeature(app);
        await app.StartAsync();
        return (app, new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()));
    }
}
