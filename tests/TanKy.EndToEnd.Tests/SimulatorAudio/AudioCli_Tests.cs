using TanKy.DeviceSim.Audio;
using TanKy.DeviceSim.Cli;

namespace TanKy.EndToEnd.Tests.SimulatorAudio;

public sealed class AudioCli_Tests
{
    [Fact]
    public void Run_takes_the_audio_options()
    {
        var run = RunArguments.Parse(["--fleet", "f.json", "--audio-dir", "/tmp/wav", "--aplay", "--clock-offset-ms", "5000", "--audio-loss", "12.5"]);

        (run.AudioDirectory, run.Aplay, run.ClockOffsetMs, run.AudioLossPercent).Should().Be(("/tmp/wav", true, 5000, 12.5));
    }

    [Theory]
    [InlineData("--audio-loss", "101", "--audio-loss needs a percentage 0–100")]
    [InlineData("--clock-offset-ms", "-1", "--clock-offset-ms needs a whole number")]
    public void Bad_audio_options_are_refused_with_a_reason(string name, string value, string reason)
    {
        var parse = () => RunArguments.Parse(["--fleet", "f.json", name, value]);

        parse.Should().Throw<FormatException>().WithMessage($"*{reason}*");
    }

    [Fact]
    public void Help_documents_the_audio_options()
    {
        SimCli.Help.Should().Contain("--audio-dir DIR").And.Contain("--aplay").And.Contain("--clock-offset-ms N").And.Contain("--audio-loss PCT");
    }

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
