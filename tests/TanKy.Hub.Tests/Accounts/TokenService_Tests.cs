using TanKy.Hub.Shared.Data;
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
    public void Every_token_expires_after_the_default_ninety_days_unless_asked_shorter_and_never_past_the_maximum()
    {
        var token = _tokens.Create("truong-khoi-1");
        _tokens.List().Single().ExpiresAt.Should().Be(_dir.Time.GetUtcNow().AddDays(90));
        _dir.Time.Advance(TimeSpan.FromDays(90) - TimeSpan.FromMilliseconds(1));
        _tokens.Validate(token).Should().NotBeNull();
        _dir.Time.Advance(TimeSpan.FromMilliseconds(1));
        _tokens.Validate(token).Should().BeNull();

        var configured = new TokenService(_dir.Db, _users, _dir.Time, Microsoft.Extensions.Options.Options.Create(new TokenOptions { DefaultLifetime = TimeSpan.FromDays(7), MaxLifetime = TimeSpan.FromDays(30) }));
        configured.Create("truong-khoi-1", "ngan");
        _tokens.List().Single(t => t.Name == "ngan").ExpiresAt.Should().Be(_dir.Time.GetUtcNow().AddDays(7));
        var tooLong = () => configured.Create("truong-khoi-1", lifetime: TimeSpan.FromDays(31));
        var zero = () => configured.Create("truong-khoi-1", lifetime: TimeSpan.Zero);
        tooLong.Should().Throw<AccountException>().WithMessage("*30 days*");
        zero.Should().Throw<AccountException>();
    }

    [Fact]
    public void The_upgrade_gives_every_token_without_expiry_ninety_days_and_unlocks_locked_accounts()
    {
        // A database as a hub before the accounts migration left it: the scripts up to V10 only
        // (found by name; later ones follow it and need not be re-runnable).
        var dir = Path.Combine(Path.GetTempPath(), "tanky-v11-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var db = new Database(dir);
            var accounts = TanKy.Hub.Shared.Data.Migrations.All.ToList().IndexOf(TanKy.Hub.Shared.Data.Schema.V11Accounts.Sql);
            accounts.Should().BePositive();
            using (var c = db.Open())
            {
                for (var i = 0; i < accounts; i++)
                {
                    c.Execute(TanKy.Hub.Shared.Data.Migrations.All[i]);
                }

                c.Execute($"PRAGMA user_version={accounts}");
                c.Execute("""
                    INSERT INTO users(id, name, role, created_at, failed_logins, locked_until) VALUES (1, 'truong-khoi-1', 'hamlet-head', 0, 4, 9999999999999);
                    INSERT INTO api_tokens(user_id, name, prefix, token_hash, created_at) VALUES (1, 'cu', 'aaaa0001', 'ab', 0);
                    INSERT INTO api_tokens(user_id, name, prefix, token_hash, created_at, revoked_at) VALUES (1, 'thu-hoi', 'aaaa0002', 'ab', 0, 5);
                    """);
            }

            // SQLite's own clock, at upgrade time: the migration cannot see the hub's TimeProvider.
            var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            db.Migrate();
            var after = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

            using var check = db.Open();
            var expires = check.ExecuteScalar<long>("SELECT expires_at FROM api_tokens WHERE prefix = 'aaaa0001'");
            const long NinetyDays = 90L * 24 * 3600 * 1000;
            expires.Should().BeInRange((before / 1000 * 1000) + NinetyDays, after + NinetyDays);
            check.ExecuteScalar<long?>("SELECT expires_at FROM api_tokens WHERE prefix = 'aaaa0002'").Should().BeNull("a revoked token needs none");
            check.ExecuteScalar<long>("SELECT COUNT(*) FROM users WHERE locked_until IS NOT NULL OR failed_logins > 0").Should().Be(0);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
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
