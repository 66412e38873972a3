using TanKy.DeviceSim.Node;
using TanKy.EndToEnd.Tests.Audio;
using TanKy.EndToEnd.Tests.SimulatorAudio;
using TanKy.Hub.Tests.Support;
using TanKy.Tests.Shared;
using Xunit.Abstractions;

namespace TanKy.EndToEnd.Tests.Field;

/// <summary>
/// Bad links: speakers on a 4G profile — 40 ms one-way delay with up to 60 ms jitter on their
/// link, 5–30 % of audio frames lost, and a link flap (cut, then back) in the middle of the
/// broadcast — keep playing it with concealment, reconnect on their own, and the hub's delivery
/// report shows every node finishing.
/// </summary>
[Collection(SimulatorAudioCollection.Name)]
public sealed class FourGLink_Tests(ITestOutputHelper output)
{
    private static readonly double[] Loss = [5, 10, 20, 30];

    [Fact]
    public async Task Speakers_on_a_4G_profile_with_a_link_flap_all_finish_the_broadcast_and_reconnect_by_themselves()
    {
        const int speakers = 8;
        await using var commune = await AudioCommune.StartAsync(speakers, zoneCount: 2, i => FourG(Loss[i % Loss.Length]));
        var item = await commune.ImportAsync(SpeechSignal.Generate(8, seed: 9), "Bản tin qua 4G");

        var ticket = await commune.PlayAsync(item);
        await Task.WhenAll(commune.Nodes.Select(n => n.WaitForPlaybackStartedAsync(ticket.StreamId!, AudioCommune.Wait)));

        // Half the speakers lose their cell for 700 ms mid-stream (under the 1 s release timeout).
        var flapped = commune.Nodes.Where((_, i) => i % 2 == 0).ToList();
        flapped.ForEach(n => n.Link!.Cut());
        await Task.Delay(TimeSpan.FromMilliseconds(700));
        flapped.ForEach(n => n.Link!.Restore());
        await Task.WhenAll(flapped.Select(n => n.WaitUntilConnectedAsync(AudioCommune.Wait)));

        var report = await commune.WaitForDeliveryAsync(ticket.BroadcastId);
        foreach (var n in report.Nodes)
        {
            output.WriteLine($"{n.DeviceId}: {n.Outcome}, played {n.FramesPlayed}, concealed {n.FramesConcealed}, fec {n.FecRecovered}, late {n.FramesLate}, start error {n.StartErrorUs} µs");
        }

        report.Targeted.Should().Be(speakers);
        report.Finished.Should().Be(speakers, "every node finishes the broadcast despite loss, jitter and a flap");
        report.Nodes.Should().OnlyContain(n => n.FramesConcealed + n.FecRecovered > 0, "every node lost frames and concealed or recovered them");
        commune.Nodes.Should().OnlyContain(n => n.IsConnected, "every node is back online by itself");
    }

    private static FaultOptions FourG(double lossPercent) => new()
    {
        UseLinkProxy = true,
        LinkLatency = TimeSpan.FromMilliseconds(40),
        LinkJitter = TimeSpan.FromMilliseconds(60),
        AudioLossPercent = lossPercent,
    };
}
