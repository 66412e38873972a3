using TanKy.Hub.Devices;
using TanKy.Hub.Shared;
using TanKy.Hub.Tests.Support;
using TanKy.Protocol;

namespace TanKy.Hub.Tests.Devices;

/// <summary>
/// Issue 14: an unknown device id costs the same hash work as a wrong secret, so timing does not
/// tell which ids exist. Checked on the work done (which hash, how many iterations), never on the
/// wall clock; the time figure is in TanKy.Bench (<c>device-auth-timing</c>).
/// </summary>
public sealed class UnknownDeviceTiming_Tests : IDisposable
{
    private readonly TempDataDir _dir = new();
    private readonly List<string?> _hashesWorkedOn = [];
    private readonly DeviceRegistry _registry;

    public UnknownDeviceTiming_Tests()
    {
        _dir.Zones.Add("khoi-1", "Khối 1");
        _registry = new DeviceRegistry(_dir.Db, _dir.Time)
        {
            VerifySecret = (secret, hash) =>
            {
                _hashesWorkedOn.Add(hash);
                return SecretHasher.Verify(secret, hash);
            },
        };
    }

    [Fact]
    public void An_unknown_id_is_checked_against_a_dummy_hash_with_the_same_iterations_as_a_wrong_secret()
    {
        var secret = _registry.Add(new NewDevice("loa-khoi-1-a", DeviceKind.Speaker, ["khoi-1"], "Loa"));
        var wrong = SecretHasher.NewSecret();

        _registry.Authenticate("loa-khong-co-that", wrong).Should().BeNull();
        _registry.Authenticate("loa-khoi-1-a", wrong).Should().BeNull();

        _hashesWorkedOn.Should().HaveCount(2, "one PBKDF2 each: the unknown id is not refused before hashing");
        var (dummy, real) = (_hashesWorkedOn[0]!, _hashesWorkedOn[1]!);
        real.Should().Be(_registry.CredentialStamps()["loa-khoi-1-a"]);
        dummy.Should().NotBe(real);
        Shape(dummy).Should().Be(Shape(real)).And.Be((SecretHasher.DeviceSecretIterations, 12, 64));

        _registry.Authenticate("loa-khoi-1-a", secret).Should().NotBeNull("the real secret still works");
    }

    [Fact]
    public void Every_unknown_id_costs_one_hash_not_zero()
    {
        for (var i = 0; i < 5; i++)
        {
            _registry.Authenticate($"loa-gia-{i}", "bat-ky").Should().BeNull();
        }

        _hashesWorkedOn.Should().HaveCount(5);
    }

    public void Dispose() => _dir.Dispose();

    // Iterations, salt bytes and hash bytes of a "$7$iterations$salt$hash" string.
    private static (int Iterations, int Salt, int Hash) Shape(string stored)
    {
        var parts = stored.Split('$');
        return (int.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture), Convert.FromBase64String(parts[3]).Length, Convert.FromBase64String(parts[4]).Length);
    }
}
