using Microsoft.AspNetCore.DataProtection;
using TanKy.Hub.Tests.Support;

namespace TanKy.Hub.Tests.Web;

/// <summary>The keys behind console sessions and antiforgery tokens are the hub's own, in its data directory.</summary>
public sealed class SessionKeys_Tests
{
    [Fact]
    public async Task Keys_live_in_the_data_directory_readable_only_by_the_hub_and_outlast_a_restart()
    {
        using var dir = new TempDataDir();
        string cookie;
        await using (var hub = await TestHub.StartAsync(dir.Path))
        {
            cookie = hub.Get<IDataProtectionProvider>().CreateProtector("session").Protect("truong-khoi-1");
        }

        var keys = Path.Combine(dir.Path, "keys");
        Directory.GetFiles(keys, "key-*.xml").Should().NotBeEmpty();
        File.GetUnixFileMode(keys).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        await using var restarted = await TestHub.StartAsync(dir.Path);
        restarted.Get<IDataProtectionProvider>().CreateProtector("session").Unprotect(cookie).Should().Be("truong-khoi-1");

        // Another hub (another data directory) cannot read this hub's sessions.
        using var otherDir = new TempDataDir();
        await using var other = await TestHub.StartAsync(otherDir.Path);
        var read = () => other.Get<IDataProtectionProvider>().CreateProtector("session").Unprotect(cookie);
        read.Should().Throw<System.Security.Cryptography.CryptographicException>();
    }
}
