using System.Runtime.CompilerServices;
using TanKy.Hub.Shared;

namespace TanKy.Hub.Tests.Support;

/// <summary>
/// Test assemblies (this file is compiled into the hub, end-to-end and web tests) store passwords
/// with 1,000 PBKDF2 iterations instead of 210,000: each hash otherwise costs about 0.3 s of a
/// core, and the suites create and sign in hundreds of users. Verification reads the count from the
/// stored hash, so the code under test is the same; the production figure is asserted in
/// SecretHasher_Tests. The benchmarks do not link this file.
/// </summary>
internal static class PasswordWorkFactor
{
    [ModuleInitializer]
    internal static void Lower() => SecretHasher.LowerPasswordWorkFactorForTests(1_000);
}
