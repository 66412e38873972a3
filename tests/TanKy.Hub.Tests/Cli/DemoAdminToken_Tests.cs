using TanKy.Hub.Accounts;
using TanKy.Hub.Cli;
using TanKy.Hub.Tests.Support;

namespace TanKy.Hub.Tests.Cli;

/// <summary>`tanky-hub demo` keeps a working admin token in its data directory, also after the saved one expired.</summary>
public sealed class DemoAdminToken_Tests : IDisposable
{
    private readonly TempDataDir _dir = new();

    [Fact]
    public void The_first_run_writes_a_token_the_next_keeps_it_and_an_expired_one_is_replaced()
    {
        var users = new UserStore(_dir.Db, _dir.Time);
        var tokens = new TokenService(_dir.Db, users, _dir.Time);

        var file = DemoCommand.EnsureAdminToken(users, tokens, _dir.Path);
        file.Should().NotBeNull();
        var first = File.ReadAllText(file!).Trim();
        tokens.Validate(first)!.Name.Should().Be("demo-admin");
        File.GetUnixFileMode(file!).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);

        _dir.Time.Advance(TimeSpan.FromDays(30));
        DemoCommand.EnsureAdminToken(users, tokens, _dir.Path).Should().BeNull("the saved token still works");
        File.ReadAllText(file!).Trim().Should().Be(first);

        _dir.Time.Advance(TimeSpan.FromDays(61)); // past the 90-day default lifetime
        tokens.Validate(first).Should().BeNull();
        DemoCommand.EnsureAdminToken(users, tokens, _dir.Path).Should().Be(file);
        var second = File.ReadAllText(file!).Trim();
        second.Should().NotBe(first);
        tokens.Validate(second)!.Name.Should().Be("demo-admin");
        users.List().Count(u => u.Name == "demo-admin").Should().Be(1);
    }

    public void Dispose() => _dir.Dispose();
}
