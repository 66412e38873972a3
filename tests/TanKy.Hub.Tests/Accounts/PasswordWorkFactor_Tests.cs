using System.Diagnostics;
using Dapper;
using TanKy.Hub.Accounts;
using TanKy.Hub.Shared;
using TanKy.Hub.Tests.Support;

namespace TanKy.Hub.Tests.Accounts;

/// <summary>
/// The test assemblies hash new passwords with fewer iterations (Support/PasswordWorkFactor); these
/// tests keep the field's figure honest: the real binary stores 210,000 iterations, and a hash made
/// that way signs in through the same code the tests run.
/// </summary>
public sealed class PasswordWorkFactor_Tests
{
    [Fact]
    public async Task The_hub_binary_stores_a_new_password_with_210000_PBKDF2_iterations()
    {
        using var dir = new TempDataDir();
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "tanky-hub.dll"), "users", "add", "--name", "can-bo-van-hoa", "--role", "officer", "--password-stdin", "--data-dir", dir.Path })
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        process.StandardInput.WriteLine("mat-khau-can-bo-1");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        process.ExitCode.Should().Be(0, await errors + await output);

        using var c = dir.Db.Open();
        var hash = c.ExecuteScalar<string>("SELECT password_hash FROM users WHERE name = 'can-bo-van-hoa'");
        hash.Should().StartWith("$7$210000$");
        SecretHasher.DefaultPasswordIterations.Should().Be(210_000);
    }

    [Fact]
    public void A_password_stored_by_the_field_work_factor_signs_in_and_a_wrong_one_does_not()
    {
        SecretHasher.PasswordIterations.Should().BeLessThan(SecretHasher.DefaultPasswordIterations, "this assembly lowers it at load");
        using var dir = new TempDataDir();
        var users = new UserStore(dir.Db, dir.Time);
        var user = users.Add("truong-khoi-1", Role.Officer, [], password: null);
        using (var c = dir.Db.Open())
        {
            c.Execute("UPDATE users SET password_hash = @hash WHERE id = @id",
                new { id = user.Id, hash = SecretHasher.Hash("mat-khau-dung-1", SecretHasher.DefaultPasswordIterations) });
        }

        var login = new PasswordLogin(dir.Db, users, Microsoft.Extensions.Options.Options.Create(new LoginOptions()), dir.Time);
        login.Check("truong-khoi-1", "mat-khau-dung-1", System.Net.IPAddress.Loopback).Outcome.Should().Be(LoginOutcome.Success);
        login.Check("truong-khoi-1", "mat-khau-sai-11", System.Net.IPAddress.Loopback).Outcome.Should().Be(LoginOutcome.BadCredentials);
    }
}
