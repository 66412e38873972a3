using System.Security.Cryptography;
using System.Text.Json;
using TanKy.Hub.Emergency.Cap;
using TanKy.Hub.Tests.Schedules;
using TanKy.Hub.Tests.Support;

namespace TanKy.Hub.Tests.Emergency;

/// <summary><c>tanky-hub cap senders add|list|remove</c> on a data directory, as a province's sender is registered.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class CapSenderCli_Tests : IDisposable
{
    private readonly TempDataDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Add_prints_the_token_once_list_never_shows_it_and_remove_takes_the_sender_out()
    {
        using var key = RSA.Create(2048);
        var pem = Path.Combine(_dir.Path, "kttv.pem");
        await File.WriteAllTextAsync(pem, key.ExportSubjectPublicKeyInfoPem());

        var (code, output) = await HubCliRunner.RunAsync("cap", "senders", "add", "--sender", CapSamples.Sender, "--token", "--key", pem, "--note", "KTTV Bắc Trung Bộ", "--json", "--data-dir", _dir.Path);

        code.Should().Be(0, output);
        var added = JsonDocument.Parse(output).RootElement;
        var token = added.GetProperty("token").GetString()!;
        token.Should().HaveLength(43);
        var stored = new CapSenderStore(_dir.Db, _dir.Time).Find(CapSamples.Sender)!;
        TanKy.Hub.Shared.SecretHasher.Verify(token, stored.TokenHash).Should().BeTrue();
        added.GetProperty("keySha256").GetString().Should().Be(stored.KeySha256);

        var (listed, table) = await HubCliRunner.RunAsync("cap", "senders", "list", "--data-dir", _dir.Path);
        listed.Should().Be(0);
        table.Should().Contain(CapSamples.Sender).And.Contain("KTTV Bắc Trung Bộ").And.NotContain(token).And.NotContain(stored.TokenHash!);

        (await HubCliRunner.RunAsync("cap", "senders", "add", "--sender", CapSamples.Sender, "--token", "--data-dir", _dir.Path)).Code.Should().Be(1, "already registered");
        (await HubCliRunner.RunAsync("cap", "senders", "add", "--sender", "x@example.com", "--data-dir", _dir.Path)).Code.Should().Be(1, "no credential");
        (await HubCliRunner.RunAsync("cap", "senders", "remove", "--sender", CapSamples.Sender, "--data-dir", _dir.Path)).Code.Should().Be(0);
        new CapSenderStore(_dir.Db, _dir.Time).Find(CapSamples.Sender).Should().BeNull();
        (await HubCliRunner.RunAsync("cap", "senders", "remove", "--sender", CapSamples.Sender, "--data-dir", _dir.Path)).Code.Should().Be(1);
    }
}
