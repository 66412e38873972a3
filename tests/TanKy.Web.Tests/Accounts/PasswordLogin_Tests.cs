using System.Net;
using Dapper;
using Microsoft.Extensions.Options;
using TanKy.Hub.Accounts;
using TanKy.Hub.Tests.Support;

namespace TanKy.Web.Tests.Accounts;

/// <summary>Password checks, throttling (no lockout) and password changes, on the real database with a fake clock.</summary>
public sealed class PasswordLogin_Tests : IDisposable
{
    private static readonly IPAddress Attacker = IPAddress.Parse("10.0.0.66");
    private static readonly IPAddress Office = IPAddress.Parse("10.0.0.2");
    private readonly TempDataDir _dir = new();
    private readonly UserStore _users;
    private readonly PasswordLogin _login;

    public PasswordLogin_Tests()
    {
        _dir.Zones.Add("khoi-1", "Khối 1");
        _users = new UserStore(_dir.Db, _dir.Time);
        _login = new PasswordLogin(_dir.Db, _users, Options.Create(new LoginOptions()), _dir.Time);
        _users.Add("truong-khoi-1", Role.HamletHead, ["khoi-1"], "mat-khau-dung-1");
    }

    [Fact]
    public void Fifty_wrong_passwords_from_one_address_never_lock_the_account_for_another_address()
    {
        var outcomes = Enumerable.Range(0, 50).Select(i => _login.Check("truong-khoi-1", "sai-" + i, Attacker).Outcome).ToList();

        outcomes.Should().Contain(LoginOutcome.Throttled, "guessing from one address is slowed");
        var check = _login.Check("truong-khoi-1", "mat-khau-dung-1", Office);
        check.Outcome.Should().Be(LoginOutcome.Success, "no lockout: the right password from another address works at once");
        check.User!.Zones.Should().Equal("khoi-1");
    }

    [Fact]
    public void A_throttled_address_is_refused_even_with_the_right_password_until_its_wait_is_over()
    {
        for (var i = 0; i < 4; i++)
        {
            _login.Check("truong-khoi-1", "sai", Attacker).Outcome.Should().Be(LoginOutcome.BadCredentials);
        }

        var throttled = _login.Check("truong-khoi-1", "mat-khau-dung-1", Attacker);
        throttled.Outcome.Should().Be(LoginOutcome.Throttled);
        throttled.RetryAfter.Should().Be(TimeSpan.FromSeconds(1));
        _dir.Time.Advance(TimeSpan.FromSeconds(1));
        _login.Check("truong-khoi-1", "mat-khau-dung-1", Attacker).Outcome.Should().Be(LoginOutcome.Success);
    }

    [Fact]
    public void A_success_clears_the_account_count_so_typos_between_sign_ins_never_add_up()
    {
        for (var round = 0; round < 3; round++)
        {
            for (var i = 0; i < 3; i++)
            {
                _login.Check("truong-khoi-1", "sai", Office).Outcome.Should().Be(LoginOutcome.BadCredentials);
            }

            _login.Check("truong-khoi-1", "mat-khau-dung-1", Office).Outcome.Should().Be(LoginOutcome.Success);
        }
    }

    [Fact]
    public void The_current_password_check_on_the_account_page_is_throttled_too()
    {
        var id = _users.Find("truong-khoi-1")!.Id;
        for (var i = 0; i < 4; i++)
        {
            _login.Verify(id, "sai", Attacker).Outcome.Should().Be(LoginOutcome.BadCredentials);
        }

        _login.Verify(id, "mat-khau-dung-1", Attacker).Outcome.Should().Be(LoginOutcome.Throttled);
        _login.Verify(id, "mat-khau-dung-1", Office).Outcome.Should().Be(LoginOutcome.Success);
    }

    [Fact]
    public void Unknown_users_users_without_password_and_disabled_users_cannot_sign_in()
    {
        _users.Add("chi-api", Role.Viewer, []);
        _login.Check("khong-co", "mat-khau-dung-1", Office).Outcome.Should().Be(LoginOutcome.BadCredentials);
        _login.Check("chi-api", "bat-ky-mat-khau", Office).Outcome.Should().Be(LoginOutcome.BadCredentials);

        _users.SetDisabled("truong-khoi-1", true);
        _login.Check("truong-khoi-1", "mat-khau-dung-1", Office).Outcome.Should().Be(LoginOutcome.Disabled);
        _login.SessionStamp(_users.Find("truong-khoi-1")!.Id).Should().BeNull("a disabled user's sessions end");
    }

    [Fact]
    public void Setup_creates_the_first_admin_once_and_a_password_change_changes_the_stamp_and_revokes_tokens()
    {
        _login.AdminExists().Should().BeFalse();
        var admin = _login.CreateFirstAdmin("quan-tri", "mat-khau-quan-tri");
        _login.AdminExists().Should().BeTrue();
        var second = () => _login.CreateFirstAdmin("quan-tri-2", "mat-khau-quan-tri");
        second.Should().Throw<AccountException>();
        var tokens = new TokenService(_dir.Db, _users, _dir.Time);
        var token = tokens.Create("quan-tri");
        var others = tokens.Create("truong-khoi-1");

        var stamp = _login.SessionStamp(admin.Id);
        _login.SetPassword(admin.Id, "mat-khau-moi-hoan-toan");
        _login.SessionStamp(admin.Id).Should().NotBe(stamp);
        tokens.Validate(token).Should().BeNull("a password change revokes the user's tokens");
        tokens.Validate(others).Should().NotBeNull("only the user's own tokens");
        tokens.List("quan-tri").Should().ContainSingle().Which.RevokedAt.Should().Be(_dir.Time.GetUtcNow());
        _login.Verify(admin.Id, "mat-khau-moi-hoan-toan", Office).Outcome.Should().Be(LoginOutcome.Success);
        _login.Verify(admin.Id, "mat-khau-quan-tri", Office).Outcome.Should().Be(LoginOutcome.BadCredentials);
        var tooShort = () => _login.SetPassword(admin.Id, "ngan");
        tooShort.Should().Throw<AccountException>();
    }

    [Fact]
    public void Verify_is_for_the_given_user_only()
    {
        var admin = _login.CreateFirstAdmin("quan-tri", "mat-khau-quan-tri");
        _login.Verify(admin.Id, "mat-khau-dung-1", Office).Outcome.Should().Be(LoginOutcome.BadCredentials, "another user's password");
        _login.Verify(9999, "mat-khau-dung-1", Office).Outcome.Should().Be(LoginOutcome.BadCredentials);
        using var c = _dir.Db.Open();
        c.ExecuteScalar<long>("SELECT COUNT(*) FROM users WHERE locked_until IS NOT NULL").Should().Be(0);
    }

    public void Dispose() => _dir.Dispose();
}
