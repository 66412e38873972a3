using TanKy.Hub.Broadcasts.Relay;
using TanKy.Hub.Broadcasts.Sources;

namespace TanKy.Hub.Tests.Broadcasts.Relay;

/// <summary>Dropouts frame by frame: source, silence, fallback clip and back, counted exactly (defaults: fallback after 20 s, back after 1 s).</summary>
public sealed class RelayMixer_Tests
{
    private static readonly MediaPackets Clip = InMemoryMedia.OneSecond;

    [Fact]
    public void A_long_gap_goes_silent_for_20_s_then_loops_the_fallback_clip_and_returns_to_the_source_after_1_s_of_audio()
    {
        var totals = new RelayTotals();
        var counters = new RelayCounters(totals);
        var mixer = new RelayMixer(new RelayOptions(), Clip, counters);

        // 500 frames of source (10 s), 1500 frames of gap (30 s), 300 frames of source again (6 s).
        var modes = Run(mixer, Script(500, 1500, 300), out var packets);

        // 10 s of source; 20 s of silence (1000 frames); the clip for the remaining 500 gap frames and
        // the 49 frames of audio before the 50th (1 s) confirms the source is back; then the source.
        modes.Should().Equal(
            Enumerable.Repeat(RelayMode.Source, 500)
                .Concat(Enumerable.Repeat(RelayMode.Silence, 1000))
                .Concat(Enumerable.Repeat(RelayMode.Fallback, 549))
                .Concat(Enumerable.Repeat(RelayMode.Source, 251)));
        counters.Snapshot().Should().Be(new RelayCounts(Dropouts: 1, FallbackSwitches: 1, SourceFrames: 751, SilentFrames: 1000, FallbackFrames: 549));
        (totals.Dropouts, totals.FallbackSwitches).Should().Be((1, 1));
        totals.RelayedSeconds.Should().BeApproximately(15.02, 1e-9);

        // The clip plays whole, then 2 s (100 frames) of silence, then again from its first packet.
        var fallback = packets.Skip(1500).ToList();
        fallback.Take(Clip.Packets.Count).Select(p => p.ToArray()).Should().Equal(Clip.Packets.Select(p => p.ToArray()), (a, b) => a.SequenceEqual(b));
        fallback[Clip.Packets.Count + 100].ToArray().Should().Equal(Clip.Packets[0].ToArray());
        fallback[Clip.Packets.Count].ToArray().Should().NotEqual(Clip.Packets[0].ToArray());
    }

    [Fact]
    public void A_gap_shorter_than_200_ms_is_jitter_not_a_dropout_and_goes_out_as_silence()
    {
        var counters = new RelayCounters(new RelayTotals());
        var mixer = new RelayMixer(new RelayOptions(), Clip, counters);

        var modes = Run(mixer, Script(100, 9, 100, 10, 100), out var packets);

        modes.Count(m => m == RelayMode.Silence).Should().Be(19);
        counters.Dropouts.Should().Be(1, "the 9-frame gap is under 200 ms, the 10-frame one is not");
        packets.Should().OnlyContain(p => p.Length > 0, "silence is a real Opus frame: an empty one would make speakers conceal and count loss");
    }

    [Fact]
    public void Without_a_fallback_clip_the_gap_stays_silent_however_long_it_lasts()
    {
        var counters = new RelayCounters(new RelayTotals());
        var mixer = new RelayMixer(new RelayOptions(), fallback: null, counters);

        var modes = Run(mixer, Script(50, 2000, 50), out _);

        modes.Skip(50).Take(2000).Should().OnlyContain(m => m == RelayMode.Silence);
        modes.Skip(2050).Should().OnlyContain(m => m == RelayMode.Source, "without a clip the source is taken back at its first frame");
        counters.Snapshot().Should().Be(new RelayCounts(1, 0, 100, 2000, 0));
    }

    [Fact]
    public void A_source_that_flickers_during_the_fallback_does_not_cut_the_clip_and_each_new_gap_is_a_dropout()
    {
        var options = new RelayOptions { FallbackAfter = TimeSpan.FromSeconds(1) };
        var counters = new RelayCounters(new RelayTotals());
        var mixer = new RelayMixer(options, Clip, counters);

        // After 1 s of gap the clip plays; 20 frames (0.4 s) of audio are not enough to return; the gap after them is a second dropout.
        var modes = Run(mixer, Script(10, 60, 20, 30, 60), out _);

        modes.Skip(10).Take(50).Should().OnlyContain(m => m == RelayMode.Silence);
        modes.Skip(60).Take(10 + 20 + 30 + 49).Should().OnlyContain(m => m == RelayMode.Fallback);
        modes.Last().Should().Be(RelayMode.Source);
        counters.Snapshot().Should().Be(new RelayCounts(Dropouts: 2, FallbackSwitches: 1, SourceFrames: 10 + 11, SilentFrames: 50, FallbackFrames: 109));
    }

    /// <summary>Alternating runs: audio, gap, audio, gap…</summary>
    internal static PcmFeedStatus[] Script(params int[] runs) =>
        runs.SelectMany((n, i) => Enumerable.Repeat(i % 2 == 0 ? PcmFeedStatus.Audio : PcmFeedStatus.Gap, n)).ToArray();

    private static List<RelayMode> Run(RelayMixer mixer, PcmFeedStatus[] script, out List<ReadOnlyMemory<byte>> packets)
    {
        var frame = new float[AudioSourceFormat.FrameSamples];
        var modes = new List<RelayMode>();
        packets = [];
        long n = 0;
        foreach (var status in script)
        {
            for (var i = 0; i < frame.Length; i++, n++)
            {
                frame[i] = status == PcmFeedStatus.Audio ? (float)(0.1 * Math.Sin(2 * Math.PI * 440 * n / AudioSourceFormat.SampleRate)) : 0;
            }

            packets.Add(mixer.Next(status, frame));
            modes.Add(mixer.Mode);
        }

        return modes;
    }
}
