using Dapper;
using TanKy.Hub.Accounts;
using TanKy.Hub.Tests.Support;

namespace TanKy.Hub.Tests.Accounts;

public sealed class TokenService_Tests : IDisposable
{
    private readonly TempDataDir _dir = new();
    private readonly UserStore _users;
    private readonly TokenService _tokens;

    public TokenService_Tests()
    {
        _dir.SeedTwoHamlets();
        _users = new UserStore(_dir.Db, _dir.Time);
        _tokens = new TokenService(_dir.Db, _users, _dir.Time);
        _users.Add("truong-khoi-1", Role.HamletHead, ["khoi-1"]);
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_created_token_identifies_its_user_and_is_stored_hashed()
    {
        var token = _tokens.Create("truong-khoi-1");

        var user = _tokens.Validate(token);
        user!.Name.Should().Be("truong-khoi-1");
        user.Zones.Should().Equal("khoi-1");
        using var c = _dir.Db.Open();
        c.ExecuteScalar<string>("SELECT token_hash FROM api_tokens").Should().NotContain(token.Split('_', 3)[2], "the secret part (base64url: it may itself contain '_')");
    }

    [Fact]
    public void Revoked_expired_tampered_and_disabled_tokens_are_refused()
    {
        var revoked = _tokens.Create("truong-khoi-1");
        _tokens.Revoke(revoked.Split('_')[1]);
        _tokens.Validate(revoked).Should().BeNull();

        var expiring = _tokens.Create("truong-khoi-1", lifetime: TimeSpan.FromDays(1));
        _tokens.Validate(expiring).Should().NotBeNull();
        _dir.Time.Advance(TimeSpan.FromDays(1));
        _tokens.Validate(expiring).Should().BeNull();

        var good = _tokens.Create("truong-khoi-1");
        _tokens.Validate(good[..^1] + (good[^1] == 'a' ? 'b' : 'a')).Should().BeNull();
        _tokens.Validate("tk_nope").Should().BeNull();
        _tokens.Validate(null).Should().BeNull();

        _users.SetDisabled("truong-khoi-1", true);
        _tokens.Validate(good).Should().BeNull();
    }

    [Fact]
    public void Users_are_checked_for_role_and_zone_rules()
    {
        var noZone = () => _users.Add("x", Role.HamletHead, []);
        var zoneForOfficer = () => _users.Add("y", Role.Officer, ["khoi-1"]);
        var unknownZone = () => _users.Add("z", Role.HamletHead, ["khoi-9"]);
        var duplicate = () => _users.Add("truong-khoi-1", Role.Viewer, []);

        noZone.Should().Throw<AccountException>();
        zoneForOfficer.Should().Throw<AccountException>();
        unknownZone.Should().Throw<AccountException>().WithMessage("*khoi-9*");
        duplicate.Should().Throw<AccountException>().WithMessage("*already exists*");
    }

    [Fact]
    public void Zone_scope_applies_only_to_hamlet_heads()
    {
        var head = _users.Find("truong-khoi-1")!;
        var officer = _users.Add("van-hoa", Role.Officer, []);

        head.CanReachZone("khoi-1").Should().BeTrue();
        head.CanReachZone("xom-3").Should().BeFalse();
        head.CanReachAny(["xom-3", "khoi-1"]).Should().BeTrue();
        officer.CanReachZone("xom-3").Should().BeTrue();
    }
}
