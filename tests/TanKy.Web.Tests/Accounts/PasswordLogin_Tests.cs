using Microsoft.Extensions.Options;
using TanKy.Hub.Accounts;
using TanKy.Hub.Tests.Support;

namespace TanKy.Web.Tests.Accounts;

/// <summary>Password checks, lockout and its end, on the real database with a fake clock.</summary>
public sealed class PasswordLogin_Tests : IDisposable
{
    private readonly TempDataDir _dir = new();
    private readonly UserStore _users;
    private readonly PasswordLogin _login;

    public PasswordLogin_Tests()
    {
        _dir.Zones.Add("khoi-1", "Khối 1");
        _users = new UserStore(_dir.Db, _dir.Time);
        _login = new PasswordLogin(_dir.Db, _users, Options.Create(new LoginOptions { MaxFailures = 3, LockoutDuration = TimeSpan.FromMinutes(15) }), _dir.Time);
        _users.Add("truong-khoi-1", Role.HamletHead, ["khoi-1"], "mat-khau-dung-1");
    }

    [Fact]
    public void Lock_lasts_its_duration_then_the_right_password_works_again()
    {
        for (var i = 0; i < 3; i++)
        {
            _login.Check("truong-khoi-1", "sai").Outcome.Should().Be(LoginOutcome.BadCredentials);
        }

        _login.Check("truong-khoi-1", "mat-khau-dung-1").Outcome.Should().Be(LoginOutcome.LockedOut);
        _dir.Time.Advance(TimeSpan.FromMinutes(14));
        _login.Check("truong-khoi-1", "mat-khau-dung-1").Outcome.Should().Be(LoginOutcome.LockedOut);
        _dir.Time.Advance(TimeSpan.FromMinutes(1));
        var (outcome, user) = _login.Check("truong-khoi-1", "mat-khau-dung-1");
        outcome.Should().Be(LoginOutcome.Success);
        user!.Zones.Should().Equal("khoi-1");
    }

    [Fact]
    public void A_success_resets_the_count_so_only_consecutive_failures_lock()
    {
        _login.Check("truong-khoi-1", "sai").Outcome.Should().Be(LoginOutcome.BadCredentials);
        _login.Check("truong-khoi-1", "sai").Outcome.Should().Be(LoginOutcome.BadCredentials);
        _login.Check("truong-khoi-1", "mat-khau-dung-1").Outcome.Should().Be(LoginOutcome.Success);
        _login.Check("truong-khoi-1", "sai").Outcome.Should().Be(LoginOutcome.BadCredentials);
        _login.Check("truong-khoi-1", "sai").Outcome.Should().Be(LoginOutcome.BadCredentials);

        _login.Check("truong-khoi-1", "mat-khau-dung-1").Outcome.Should().Be(LoginOutcome.Success);
    }

    [Fact]
    public void Unknown_users_users_without_password_and_disabled_users_cannot_sign_in()
    {
        _users.Add("chi-api", Role.Viewer, []);
        _login.Check("khong-co", "mat-khau-dung-1").Outcome.Should().Be(LoginOutcome.BadCredentials);
        _login.Check("chi-api", "bat-ky-mat-khau").Outcome.Should().Be(LoginOutcome.BadCredentials);

        _users.SetDisabled("truong-khoi-1", true);
        _login.Check("truong-khoi-1", "mat-khau-dung-1").Outcome.Should().Be(LoginOutcome.Disabled);
        _login.SessionStamp(_users.Find("truong-khoi-1")!.Id).Should().BeNull("a disabled user's sessions end");
    }

    [Fact]
    public void Setup_creates_the_first_admin_once_and_a_password_change_changes_the_session_stamp()
    {
        _login.AdminExists().Should().BeFalse();
        var admin = _login.CreateFirstAdmin("quan-tri", "mat-khau-quan-tri");
        _login.AdminExists().Should().BeTrue();
        var second = () => _login.CreateFirstAdmin("quan-tri-2", "mat-khau-quan-tri");
        second.Should().Throw<AccountException>();

        var stamp = _login.SessionStamp(admin.Id);
        _login.SetPassword(admin.Id, "mat-khau-moi-hoan-toan");
        _login.SessionStamp(admin.Id).Should().NotBe(stamp);
        _login.Verify(admin.Id, "mat-khau-moi-hoan-toan").Should().BeTrue();
        _login.Verify(admin.Id, "mat-khau-quan-tri").Should().BeFalse();
        var tooShort = () => _login.SetPassword(admin.Id, "ngan");
        tooShort.Should().Throw<AccountException>();
    }

    public void Dispose() => _dir.Dispose();
}
