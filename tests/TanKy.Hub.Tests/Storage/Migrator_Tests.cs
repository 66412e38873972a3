using Dapper;
using TanKy.Hub.Tests.Support;
using TanKy.Hub.Shared.Data;

namespace TanKy.Hub.Tests.Storage;

public sealed class Migrator_Tests : IDisposable
{
    private readonly TempDataDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Migrate_uses_wal_sets_the_version_and_is_idempotent()
    {
        _dir.Db.Migrate();
        _dir.Db.Migrate();

        using var c = _dir.Db.Open();
        c.ExecuteScalar<string>("PRAGMA journal_mode").Should().Be("wal");
        Migrator.CurrentVersion(c).Should().Be(Migrator.LatestVersion).And.BeGreaterThan(0);
        c.ExecuteScalar<string>("PRAGMA integrity_check").Should().Be("ok");
    }

    [Fact]
    public void A_database_from_a_newer_hub_is_refused_not_damaged()
    {
        using (var c = _dir.Db.Open())
        {
            c.Execute($"PRAGMA user_version={Migrator.LatestVersion + 1}");
        }

        var act = () => _dir.Db.Migrate();

        act.Should().Throw<InvalidOperationException>().WithMessage("*newer*");
    }

    [Fact]
    public void Migrate_keeps_existing_data()
    {
        _dir.SeedTwoHamlets();

        _dir.Db.Migrate();

        _dir.Devices.List().Should().HaveCount(2);
    }
}
