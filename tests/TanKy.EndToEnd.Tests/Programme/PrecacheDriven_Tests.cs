using TanKy.Hub.Schedules.Precache;

namespace TanKy.EndToEnd.Tests.Programme;

/// <summary>The speaker's pre-cache download on a driven clock: how soon a failed attempt is tried again.</summary>
public sealed class PrecacheDriven_Tests
{
    /// <summary>
    /// A download that breaks off (here: the first attempt of each clip throws an I/O error) is
    /// reported failed and tried again after 2 s (plus up to a sixth of that as jitter), not after
    /// the minute a wrong file waits (protocol.md §4.11).
    /// </summary>
    [Fact]
    public async Task A_transfer_that_breaks_off_is_retried_after_two_seconds_not_a_minute()
    {
        var clock = new SimulatorAudio.Driven.DrivenClock();
        await using var p = await DrivenProgramme.StartAsync(clock, TimeSpan.FromMinutes(5));
        var files = new StreamFileInfo(p.Hub.Library);
        var attempts = new Dictionary<string, int>();
        using var node = new SimulatorAudio.Driven.DrivenNode(clock, p.Hub.Air, DrivenProgramme.Speaker, default, order =>
        {
            attempts[order.Media] = attempts.GetValueOrDefault(order.Media) + 1;
            return attempts[order.Media] == 1 ? throw new IOException("connection reset by peer") : File.ReadAllBytes(files.PathOf(order.Media));
        });
        await p.PublishCacheOrdersAsync();
        p.AgendaState().Should().Be("failed", "both first attempts broke off");

        clock.Run(TimeSpan.FromMilliseconds(1_999));
        p.AgendaState().Should().Be("failed", "no retry before 2 s");
        clock.Run(TimeSpan.FromMilliseconds(335));

        p.AgendaState().Should().Be("ready", "each clip was fetched again within 2 s and a sixth");
        attempts.Should().BeEquivalentTo(new Dictionary<string, int> { [ProgrammeCommune.Chime] = 2, [ProgrammeCommune.Bulletin] = 2 });
    }
}
