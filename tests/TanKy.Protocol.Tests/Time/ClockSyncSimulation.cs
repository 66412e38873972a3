using TanKy.Protocol.Time;

namespace TanKy.Protocol.Tests.Time;

/// <summary>
/// Runs many <see cref="SimulatedNode"/>s through a <see cref="ClockSyncSchedule"/>, feeding the
/// same samples to one estimator per filter, and records each filter's error at checkpoints.
/// A checkpoint n is taken just before exchange n is sent, with the n earlier ones received: the
/// estimate has then been extrapolated the longest.
/// </summary>
internal sealed class ClockSyncSimulation(ClockSyncSchedule schedule, int nodes, int seed, double maxDriftPpm)
{
    public IReadOnlyDictionary<(ClockFilterKind Filter, int Exchanges), ErrorStats> Run(
        IReadOnlyList<ClockFilterKind> filters,
        IReadOnlyList<int> checkpoints,
        ClockEstimatorOptions options)
    {
        var errors = new Dictionary<(ClockFilterKind, int), List<long>>();
        var master = new Random(seed);
        for (var n = 0; n < nodes; n++)
        {
            var node = new SimulatedNode(master.Next(), maxDriftPpm);
            var estimators = filters.Select(f => new ClockOffsetEstimator(options with { Filter = f })).ToArray();
            var index = 0;
            foreach (var next in checkpoints)
            {
                for (; index < next; index++)
                {
                    var sample = node.Exchange(node.HubStart + Micros(schedule.SendTime(index)));
                    foreach (var e in estimators)
                    {
                        e.Add(sample);
                    }
                }

                var hubNow = node.HubStart + Micros(schedule.SendTime(next)) - 1;
                var localNow = node.LocalAt(hubNow);
                for (var f = 0; f < filters.Count; f++)
                {
                    var key = (filters[f], next);
                    if (!errors.TryGetValue(key, out var list))
                    {
                        errors[key] = list = [];
                    }

                    list.Add(estimators[f].ToHub(localNow) - hubNow);
                }
            }
        }

        return errors.ToDictionary(kv => kv.Key, kv => ErrorStats.Of(kv.Value));
    }

    private static long Micros(TimeSpan span) => span.Ticks / 10;
}
