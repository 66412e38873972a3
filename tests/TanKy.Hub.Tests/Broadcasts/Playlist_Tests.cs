using TanKy.Hub.Broadcasts.Sources;

namespace TanKy.Hub.Tests.Broadcasts;

public sealed class Playlist_Tests
{
    private static MediaPackets Clip(string title, double seconds) =>
        SignalEncoder.Encode(title, (long)(seconds * 48_000), n => (float)(0.3 * Math.Sin(n * 0.05)));

    [Fact]
    public void A_single_clip_played_once_is_unchanged()
    {
        var clip = Clip("bản tin", 1);

        Playlist.Compose([clip]).Should().BeSameAs(clip);
    }

    [Fact]
    public void Clips_are_joined_and_repeated_with_real_silence_between()
    {
        var siren = Clip("còi", 0.5);
        var message = Clip("tin khẩn", 1);

        var composed = Playlist.Compose([siren, message], repeat: 2, gap: TimeSpan.FromSeconds(1));

        var once = siren.Packets.Count + message.Packets.Count;
        composed.Packets.Should().HaveCount((2 * once) + 50);
        composed.Title.Should().Be("còi + tin khẩn ×2");
        composed.Packets.Skip(once).Take(50).Should().OnlyContain(p => p.Length > 0, "silence is encoded, not a lost frame");
        composed.SampleCount.Should().Be((2 * (siren.SampleCount + message.SampleCount)) + (3 * siren.PreSkip) + (50 * 960));
    }
}
