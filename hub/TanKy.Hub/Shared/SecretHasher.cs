using System.Security.Cryptography;
using System.Text;

namespace TanKy.Hub.Shared;

/// <summary>
/// PBKDF2-HMAC-SHA512 hashes in Mosquitto's <c>$7$iterations$salt$hash</c> format, so that the
/// same stored hashes can be exported to a Mosquitto password file (External broker mode).
/// </summary>
public static class SecretHasher
{
    /// <summary>
    /// Device secrets are 32 random bytes: the iteration count adds nothing against guessing
    /// 2^256 values, it only slows a reconnect storm. Human passwords get the OWASP figure.
    /// </summary>
    public const int DeviceSecretIterations = 1_000;

    /// <summary>OWASP's figure for PBKDF2-HMAC-SHA512: the work factor of every password the hub stores.</summary>
    public const int DefaultPasswordIterations = 210_000;

    /// <summary>
    /// The work factor of new password hashes: <see cref="DefaultPasswordIterations"/>, lowered only
    /// by test assemblies (<see cref="LowerPasswordWorkFactorForTests"/>), where hundreds of users
    /// and sign-ins otherwise spent about a minute of CI on hashing. A stored hash carries its own
    /// count, so verification is the same code either way.
    /// </summary>
    public static int PasswordIterations { get; private set; } = DefaultPasswordIterations;

    /// <summary>For test assemblies only (internal; see the hub's InternalsVisibleTo), set once at load.</summary>
    internal static void LowerPasswordWorkFactorForTests(int iterations) =>
        PasswordIterations = iterations >= 1_000 ? iterations : throw new ArgumentOutOfRangeException(nameof(iterations));

    private const int SaltBytes = 12; // as mosquitto_passwd
    private const int HashBytes = 64;

    public static string Hash(string secret, int iterations)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(secret), salt, iterations, HashAlgorithmName.SHA512, HashBytes);
        return $"$7${iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
    }

    public static bool Verify(string secret, string? stored)
    {
        if (string.IsNullOrEmpty(secret) || string.IsNullOrEmpty(stored))
        {
            return false;
        }

        var parts = stored.Split('$');
        if (parts.Length != 5 || parts[0].Length != 0 || parts[1] != "7"
            || !int.TryParse(parts[2], out var iterations) || iterations is < 1 or > 10_000_000)
        {
            return false;
        }

        try
        {
            var salt = Convert.FromBase64String(parts[3]);
            var expected = Convert.FromBase64String(parts[4]);
            var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(secret), salt, iterations, HashAlgorithmName.SHA512, expected.Length);
            return CryptographicOperations.FixedTimeEquals(actual, expected);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>A random URL-safe secret of 32 bytes (43 characters).</summary>
    public static string NewSecret() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
