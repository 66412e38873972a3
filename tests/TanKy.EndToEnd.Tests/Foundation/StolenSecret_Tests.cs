using TanKy.DeviceSim.Node;
using TanKy.Hub.Cli;
using TanKy.Tests.Shared;

namespace TanKy.EndToEnd.Tests.Foundation;

/// <summary>
/// A stolen device secret: the technician runs <c>tanky-hub devices rotate-secret</c> (a separate
/// CLI process writing the registry); the thief's live connection is dropped and the old secret
/// no longer gets in, while other devices stay connected.
/// </summary>
public sealed class StolenSecret_Tests : IAsyncLifetime
{
    private CommuneHarness _c = null!;

    public async Task InitializeAsync() =>
        _c = await CommuneHarness.StartAsync(new Dictionary<string, string> { ["Broker:CredentialCheckInterval"] = "00:00:00.500" });

    public async Task DisposeAsync() => await _c.DisposeAsync();

    [Fact]
    public async Task After_rotate_secret_the_live_connection_with_the_old_secret_is_dropped_and_refused()
    {
        var thief = await _c.StartNodeAsync("loa-khoi-1-a");
        var bystander = await _c.StartNodeAsync("loa-xom-3-a");
        var dropped = thief.WaitForActivityAsync(a => a.Kind == NodeActivityKind.Disconnected, CommuneHarness.Wait);
        var refused = thief.WaitForActivityAsync(a => a.Kind == NodeActivityKind.ConnectFailed, CommuneHarness.Wait);

        (await HubCli.RunAsync(["devices", "rotate-secret", "--id", "loa-khoi-1-a", "--json", "--data-dir", _c.Dir.Path])).Should().Be(0);

        await dropped;
        await refused;
        thief.IsConnected.Should().BeFalse("it keeps retrying with the old secret and is refused each time");
        bystander.IsConnected.Should().BeTrue();
    }
}
