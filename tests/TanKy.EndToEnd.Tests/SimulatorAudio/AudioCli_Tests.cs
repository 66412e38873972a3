using TanKy.DeviceSim.Audio;

namespace TanKy.EndToEnd.Tests.SimulatorAudio;

public sealed class AudioCli_Tests
{
    [Fact]
    public void The_aplay_sink_starts_nothing_until_audio_arrives()
    {
        // A player that cannot exist: opening and closing the sink must not try to start it; the first write does.
        var missing = Path.Combine(Path.GetTempPath(), "tanky-no-such-aplay-" + Guid.NewGuid().ToString("N"));
        var unused = new AplaySink(missing);
        unused.WantsPcm.Should().BeTrue();
        unused.Dispose();

        using var sink = new AplaySink(missing);
        var write = () => sink.Write(0, new short[960]);

        write.Should().Throw<System.ComponentModel.Win32Exception>("the process starts at the first write");
        using var fromCli = AplaySink.Factory("loa-01", "b-1");
        fromCli.Should().BeOfType<AplaySink>();
    }
}
