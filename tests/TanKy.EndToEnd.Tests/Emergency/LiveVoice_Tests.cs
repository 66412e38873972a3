using System.Net.WebSockets;
using System.Text;
using TanKy.EndToEnd.Tests.Foundation;
using TanKy.Hub.Accounts;
using TanKy.Hub.Emergency;
using TanKy.Tests.Shared;
using Xunit.Abstractions;

namespace TanKy.EndToEnd.Tests.Emergency;

/// <summary>Live voice over <c>/api/v1/live</c> to a simulated speaker; mouth-to-speaker latency is measured, not asserted.</summary>
public sealed class LiveVoice_Tests(ITestOutputHelper output) : IAsyncLifetime
{
    private EmergencyCommune _commune = null!;
    private string _officer = "";
    private string _head = "";

    public async Task InitializeAsync()
    {
        _commune = await EmergencyCommune.StartAsync();
        var users = new UserStore(_commune.C.Dir.Db, TimeProvider.System);
        users.Add("truong-khoi-1", Role.HamletHead, ["khoi-1"]);
        var tokens = new TokenService(_commune.C.Dir.Db, users, TimeProvider.System);
        _head = tokens.Create("truong-khoi-1");
        _officer = tokens.Create("van-hoa");
    }

    public async Task DisposeAsync() => await _commune.DisposeAsync();

    private Uri Live(string query) => new(_commune.C.Hub.Http.BaseAddress!.ToString().Replace("http://", "ws://", StringComparison.Ordinal) + "api/v1/live?" + query);

    [Fact]
    public async Task A_hamlet_head_cannot_go_live_in_another_hamlet_and_the_attempt_is_audited()
    {
        using var socket = new ClientWebSocket();

        var connect = () => socket.ConnectAsync(Live("zones=xom-3&access_token=" + _head), CancellationToken.None);

        await connect.Should().ThrowAsync<WebSocketException>();
        var refused = _commune.C.Hub.Get<TriggerAudit>().Query(new TriggerAuditQuery(Allowed: false));
        refused.Should().ContainSingle(e => e.Actor == "truong-khoi-1" && e.What.Contains("live") && e.Remote == "127.0.0.1");
    }

    [Fact]
    public async Task Microphone_PCM_reaches_the_speaker_and_the_first_sample_latency_is_measured()
    {
        var speaker = await _commune.C.StartNodeAsync("loa-khoi-1-a");
        await speaker.WaitForClockSynchronisedAsync(CommuneHarness.Wait);
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(Live("zones=khoi-1&class=emergency&access_token=" + _officer), CancellationToken.None);
        await socket.SendAsync(Encoding.UTF8.GetBytes("{\"format\":\"pcm16\",\"rate\":16000}"), WebSocketMessageType.Text, true, CancellationToken.None);
        (await ReceiveTextAsync(socket)).Should().Contain("ready");

        var firstSampleIn = DateTimeOffset.UtcNow;
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        var chunk = new byte[320 * 2];
        string? id = null;
        for (var frame = 0; frame < 75; frame++)
        {
            for (var i = 0; i < 320; i++)
            {
                var s = (short)(6000 * Math.Sin(2 * Math.PI * 300 * ((frame * 320) + i) / 16000.0));
                chunk[2 * i] = (byte)s;
                chunk[(2 * i) + 1] = (byte)(s >> 8);
            }

            await socket.SendAsync(chunk, WebSocketMessageType.Binary, true, CancellationToken.None);
            if (frame == 0)
            {
                var onAir = await ReceiveTextAsync(socket);
                onAir.Should().Contain("on-air");
                id = onAir.Split('"')[7];
            }

            await timer.WaitForNextTickAsync();
        }

        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
        await EmergencyCommune.EventuallyAsync(() => _commune.Broadcasts.GetDeliveryReport(id!).Finished == 1, "the speaker to finish the live stream");
        var record = _commune.Broadcasts.Get(id!)!;
        record.Class.Should().Be("emergency");
        record.Source.Should().Be("live");
        var node = _commune.Broadcasts.GetDeliveryReport(id!).Nodes.Single();
        var played = speaker.LastPlayback!;
        // How much of the 1.5 s plays depends on the test's sender keeping pace on a loaded machine
        // (a late packet goes out empty, a backlog drops its oldest: live is live). That share is
        // printed here and is the bench's to track; what must hold on any load is that voice got
        // through to the end and the hub's report says exactly what the speaker did.
        played.Played.Should().BePositive("voice went through");
        played.Reason.Should().Be(DeviceSim.Audio.PlaybackEndReason.End);
        node.Outcome.Should().Be("finished");
        node.FramesPlayed.Should().Be(played.Played, "the delivery report carries the speaker's own count");
        node.FramesConcealed.Should().Be(played.Concealed);
        output.WriteLine($"{played.Played} of 75 voice frames played, {played.Concealed} concealed, {played.Late} late");
        var latencyMs = (played.ActualMicros!.Value - (firstSampleIn.ToUnixTimeMilliseconds() * 1000)) / 1000.0;
        output.WriteLine($"live voice first sample in → first sample played: {latencyMs:0} ms; hub trigger-to-first-sound {node.TriggerToSoundUs / 1000.0:0} ms; {played.Concealed} frames concealed");
        latencyMs.Should().BePositive();
    }

    private static async Task<string> ReceiveTextAsync(ClientWebSocket socket)
    {
        var buffer = new byte[1024];
        using var cts = new CancellationTokenSource(CommuneHarness.Wait);
        var result = await socket.ReceiveAsync(buffer, cts.Token);
        return Encoding.UTF8.GetString(buffer, 0, result.Count);
    }
}
