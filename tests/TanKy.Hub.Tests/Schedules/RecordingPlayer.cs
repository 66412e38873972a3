using System.Collections.Concurrent;
using TanKy.Hub.Schedules;

namespace TanKy.Hub.Tests.Schedules;

/// <summary>An <see cref="IProgrammePlayer"/> that only records what it was asked to play.</summary>
internal sealed class RecordingPlayer : IProgrammePlayer
{
    private readonly ConcurrentQueue<ScheduledAiring> _airings = new();

    public IReadOnlyList<ScheduledAiring> Airings => _airings.ToList();

    /// <summary>Flattened to (programme, zone, start), in the order the airings arrived.</summary>
    public IReadOnlyList<(string Programme, string Zone, DateTimeOffset Start)> Played =>
        Airings.SelectMany(a => a.Zones.Select(z => (a.ProgrammeId, z, a.Start))).ToList();

    /// <summary>When set, every start is recorded and then fails with this exception, as a broken player would.</summary>
    public Exception? Fails { get; init; }

    public Task<string> StartAsync(ScheduledAiring airing, CancellationToken cancellationToken)
    {
        _airings.Enqueue(airing);
        return Fails is { } ex ? Task.FromException<string>(ex) : Task.FromResult("bc-" + airing.AiringId);
    }

    /// <summary>
    /// Waits (bounded) until <paramref name="count"/> (programme, zone, start) plays have arrived.
    /// Quartz's scheduler loop waits on the fake clock too, so <paramref name="clock"/> is nudged
    /// by 2 ms per poll (far below the 1 s that counts as late) to let timed waits end.
    /// </summary>
    public async Task WaitForAsync(int count, Microsoft.Extensions.Time.Testing.FakeTimeProvider? clock = null, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (Played.Count < count && DateTime.UtcNow < deadline)
        {
            clock?.Advance(TimeSpan.FromMilliseconds(2));
            await Task.Delay(10);
        }

        Played.Count.Should().BeGreaterThanOrEqualTo(count, "the scheduler should have fired by now");
    }
}
