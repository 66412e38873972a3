using System.Text.Json.Nodes;
using TanKy.Hub.Devices;
using TanKy.Hub.Devices.Control.Commands;
using TanKy.Hub.Devices.Control.Validation;
using TanKy.Protocol.Messages;

namespace TanKy.Hub.Tests.DeviceControl;

public sealed class CommandService_Tests : IDisposable
{
    private readonly ControlFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public async Task A_command_the_hub_could_not_publish_is_an_error_said_in_Vietnamese_without_the_exceptions_words()
    {
        _f.Mqtt.Fails = true;

        var command = await _f.Commands.IssueAsync("wifi-khoi-3-a", "ping", null, TimeSpan.FromSeconds(10), "ky-thuat");

        command.Status.Should().Be(CommandStatus.Error);
        command.Error.Should().NotContain("MQTT", "the exception's words are for the log");
        Text.FailureReasons_Tests.ShouldBeVietnamese(TanKy.Hub.Shared.Text.HubText.Default.Render(command.Error, "vi"));
        TanKy.Hub.Shared.Text.HubText.Default.Render(command.Error, "en").Should().Be("not sent: an error in the hub (details in the hub log)");
    }

    [Fact]
    public async Task A_command_is_stored_pending_and_published_with_id_and_expiry()
    {
        var command = await _f.Commands.IssueAsync("wifi-khoi-3-a", "status", null, TimeSpan.FromSeconds(20), "ky-thuat");

        command.Status.Should().Be(CommandStatus.Pending);
        command.ExpiresAt.Should().Be(_f.Time.GetUtcNow() + TimeSpan.FromSeconds(20));
        command.IssuedBy.Should().Be("ky-thuat");
        var (topic, json, retain) = _f.Mqtt.Published.Single();
        topic.Should().Be("tanky/v1/tan-ky/dev/wifi-khoi-3-a/cmd");
        retain.Should().BeFalse();
        json["id"]!.GetValue<string>().Should().Be(command.Id).And.MatchRegex("^c-[0-9a-f]{16}$");
        json["expires"]!.GetValue<long>().Should().Be(command.ExpiresAt.ToUnixTimeMilliseconds());
    }

    [Fact]
    public async Task A_reply_completes_the_command_with_its_data()
    {
        var command = await _f.Commands.IssueAsync("loa-khoi-3", "tone", new JsonObject { ["seconds"] = 2 }, null, "ky-thuat");
        var waiting = _f.Commands.WaitAsync(command.Id);
        _f.Time.Advance(TimeSpan.FromSeconds(1));

        _f.Ledger.Complete("loa-khoi-3", new ReplyMessage { V = 1, Id = command.Id, Status = "ok", Data = new JsonObject { ["seconds"] = 2 } }, _f.Time.GetUtcNow()).Should().BeTrue();

        var done = await waiting.WaitAsync(TimeSpan.FromSeconds(5));
        done.Status.Should().Be(CommandStatus.Ok);
        done.Result!["seconds"]!.GetValue<int>().Should().Be(2);
        done.RepliedAt.Should().Be(_f.Time.GetUtcNow());
    }

    [Fact]
    public async Task A_device_that_never_answers_gives_a_timeout_after_expiry_and_grace()
    {
        var command = await _f.Commands.IssueAsync("wifi-khoi-3-a", "ping", null, TimeSpan.FromSeconds(10), "ky-thuat");
        var waiting = _f.Commands.WaitAsync(command.Id);

        _f.Time.Advance(TimeSpan.FromSeconds(14)); // expired 4 s ago, grace is 5 s
        _f.Ledger.SweepTimeouts().Should().Be(0);
        _f.Commands.Get(command.Id)!.Status.Should().Be(CommandStatus.Pending, "the sweep within the grace left it waiting");

        _f.Time.Advance(TimeSpan.FromSeconds(2));
        var sweptAt = _f.Time.GetUtcNow();
        _f.Ledger.SweepTimeouts().Should().Be(1);

        // The waiter completes only from the outcome, and the outcome carries its time: the 16 s sweep's.
        var done = await waiting.WaitAsync(TimeSpan.FromSeconds(5));
        done.Status.Should().Be(CommandStatus.Timeout);
        done.RepliedAt.Should().Be(sweptAt);
        done.Error.Should().Be("no reply before the command expired");
        _f.Commands.Get(command.Id)!.Status.Should().Be(CommandStatus.Timeout);
    }

    [Fact]
    public async Task A_late_reply_does_not_undo_a_timeout_and_another_device_cannot_answer()
    {
        var command = await _f.Commands.IssueAsync("wifi-khoi-3-a", "ping", null, TimeSpan.FromSeconds(1), null);
        var reply = new ReplyMessage { V = 1, Id = command.Id, Status = "ok" };

        _f.Ledger.Complete("wifi-khoi-3-b", reply, _f.Time.GetUtcNow()).Should().BeFalse("only the device asked can answer");
        _f.Time.Advance(TimeSpan.FromSeconds(10));
        _f.Ledger.SweepTimeouts();

        _f.Ledger.Complete("wifi-khoi-3-a", reply, _f.Time.GetUtcNow()).Should().BeFalse();
        _f.Commands.Get(command.Id)!.Status.Should().Be(CommandStatus.Timeout);
    }

    [Fact]
    public async Task An_expired_reply_and_an_error_reply_are_told_apart()
    {
        var a = await _f.Commands.IssueAsync("wifi-khoi-3-a", "ping", null, null, null);
        var b = await _f.Commands.IssueAsync("wifi-khoi-3-a", "reboot", null, null, null);

        _f.Ledger.Complete("wifi-khoi-3-a", new ReplyMessage { V = 1, Id = a.Id, Status = "error", Error = "expired" }, _f.Time.GetUtcNow());
        _f.Ledger.Complete("wifi-khoi-3-a", new ReplyMessage { V = 1, Id = b.Id, Status = "error", Error = "flash busy" }, _f.Time.GetUtcNow());

        _f.Commands.Get(a.Id)!.Status.Should().Be(CommandStatus.Expired);
        _f.Commands.Get(b.Id)!.Should().Match<DeviceCommand>(c => c.Status == CommandStatus.Error && c.Error == "flash busy");
        _f.Commands.List("wifi-khoi-3-a").Should().HaveCount(2);
    }

    [Fact]
    public async Task Invalid_commands_are_refused_before_anything_is_stored_or_sent()
    {
        var unknownOp = () => _f.Commands.IssueAsync("wifi-khoi-3-a", "snapshot", null, null, null);
        var tooLong = () => _f.Commands.IssueAsync("wifi-khoi-3-a", "ping", null, TimeSpan.FromHours(2), null);
        var noDevice = () => _f.Commands.IssueAsync("wifi-nowhere", "ping", null, null, null);

        await unknownOp.Should().ThrowAsync<ControlValidationException>();
        (await tooLong.Should().ThrowAsync<ControlValidationException>()).Which.Errors.Single().Field.Should().Be("timeout");
        await noDevice.Should().ThrowAsync<RegistryException>();
        _f.Mqtt.Published.Should().BeEmpty();
    }
}
