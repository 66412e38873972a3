using System.Text.Json.Nodes;
using TanKy.EndToEnd.Tests.Foundation;
using TanKy.Hub.Broadcasts;
using TanKy.Hub.Devices.Control;
using TanKy.Protocol;
using TanKy.Tests.Shared;

namespace TanKy.EndToEnd.Tests.Emergency;

/// <summary>Emergencies over the real hub to simulated speakers and LED boards on loopback.</summary>
public sealed class EmergencyBroadcast_Tests : IAsyncLifetime
{
    private EmergencyCommune _commune = null!;

    public async Task InitializeAsync() => _commune = await EmergencyCommune.StartAsync();

    public async Task DisposeAsync() => await _commune.DisposeAsync();

    [Fact]
    public async Task An_emergency_preempts_the_running_programme_on_the_speaker_which_then_resumes_and_finishes()
    {
        var speaker = await _commune.C.StartNodeAsync("loa-khoi-1-a");
        await speaker.WaitForClockSynchronisedAsync(CommuneHarness.Wait);
        var programme = await _commune.Broadcasts.PlayAsync(new BroadcastRequest(_commune.LongClip, BulletinClass.Normal, ["khoi-1"], "schedule", "schedule", Policy: PreemptionPolicy.Resume));
        await speaker.WaitForPlaybackStartedAsync(programme.StreamId!, CommuneHarness.Wait);

        var emergency = await _commune.TriggerAsync(new { zones = new[] { "khoi-1" }, media = _commune.ShortClip });

        _commune.Broadcasts.Get(programme.BroadcastId)!.Status.Should().Be(BroadcastStatus.Preempted);
        await EmergencyCommune.EventuallyAsync(() => _commune.Broadcasts.GetDeliveryReport(emergency).Finished == 1, "the speaker to finish the emergency");
        var report = _commune.Broadcasts.GetDeliveryReport(emergency);
        report.Nodes.Should().ContainSingle(n => n.DeviceId == "loa-khoi-1-a" && n.TriggerToSoundUs > 0);
        await EmergencyCommune.EventuallyAsync(() => _commune.Broadcasts.Get(programme.BroadcastId)!.Status == BroadcastStatus.Finished, "the programme to resume and finish");
        _commune.Broadcasts.GetDeliveryReport(programme.BroadcastId).Started.Should().Be(1);
        speaker.PlaybackOf(programme.StreamId!)!.Reason.Should().NotBeNull("its first stream was preempted");
    }

    [Fact]
    public async Task Of_two_emergencies_the_latest_wins_on_the_speaker()
    {
        var speaker = await _commune.C.StartNodeAsync("loa-khoi-1-a");
        await speaker.WaitForClockSynchronisedAsync(CommuneHarness.Wait);
        var first = await _commune.TriggerAsync(new { zones = new[] { "khoi-1" }, media = _commune.LongClip });
        await EmergencyCommune.EventuallyAsync(() => _commune.Broadcasts.GetDeliveryReport(first).Started == 1, "the first emergency to sound");
        var firstStream = speaker.ActiveStreamId!;

        var second = await _commune.TriggerAsync(new { zones = new[] { "khoi-1" }, media = _commune.ShortClip });

        await EmergencyCommune.EventuallyAsync(() => _commune.Broadcasts.GetDeliveryReport(second).Finished == 1, "the second emergency to play out");
        speaker.PlaybackOf(firstStream)!.Reason.Should().BeOneOf([DeviceSim.Audio.PlaybackEndReason.Preempted, DeviceSim.Audio.PlaybackEndReason.Stop], "the hub cuts the earlier emergency (stop order) as the node gets the later one");
        _commune.Broadcasts.Decisions(first).Select(d => d.Kind).Should().Contain(Hub.Broadcasts.Arbitration.DecisionKind.Preempted);
        await _commune.Broadcasts.StopAsync(first, "test");
    }

    [Fact]
    public async Task LED_boards_of_the_target_zone_show_the_headline_then_restore_their_message()
    {
        var board = await _commune.C.StartNodeAsync("led-khoi-1");
        var other = await _commune.C.StartNodeAsync("led-xom-3");
        const string welcome = "Chào mừng ngày hội Đại đoàn kết toàn dân tộc";
        const string headline = "Lũ quét: bà con Khối 1 sơ tán ngay";
        await _commune.C.Hub.Get<DeviceControlService>().SetDesiredAsync("led-khoi-1", new JsonObject { ["message"] = new JsonObject { ["text"] = welcome } }, "test");
        await EmergencyCommune.EventuallyAsync(() => Text(board.AppliedState) == welcome, "the welcome message");

        var emergency = await _commune.TriggerAsync(new { zones = new[] { "khoi-1" }, media = _commune.LongClip, headline });

        await EmergencyCommune.EventuallyAsync(() => Text(board.AppliedState) == headline, "the headline on the board");
        board.AppliedState["message"]!["class"]!.GetValue<string>().Should().Be("emergency");
        Text(other.AppliedState).Should().BeNull("xóm 3 is not targeted");
        (await _commune.Officer.DeleteAsync("/api/v1/emergency/" + emergency)).IsSuccessStatusCode.Should().BeTrue();
        await EmergencyCommune.EventuallyAsync(() => Text(board.AppliedState) == welcome, "the welcome message to come back");
        board.AppliedState["message"]!["class"]!.GetValue<string>().Should().Be("normal");
    }

    private static string? Text(JsonObject state) => state["message"]?["text"]?.GetValue<string>();
}
