using System.Globalization;
using TanKy.Hub.Schedules.Model;
using TanKy.Hub.Schedules.Planning;
using TanKy.Hub.Shared;

namespace TanKy.Hub.Schedules.Parsing;

/// <summary>
/// An airing of a recording must start after that day's recording has ended: a 05:00 recording of
/// 30 minutes cannot air at 05:15. Reported once per programme and recording, at the playlist item,
/// with the first clash. Searched over two weeks, enough for every weekly rule.
/// </summary>
internal static class RecordingChecker
{
    private static readonly TimeSpan Horizon = TimeSpan.FromDays(14);

    public static void Check(ProgrammeSet set, DateTimeOffset from, List<ScheduleError> errors)
    {
        if (set.Recordings.Count == 0)
        {
            return;
        }

        var reported = new HashSet<(string, string)>();
        foreach (var o in OccurrenceExpander.Expand(set, from, from + Horizon).Where(o => o.SkippedBy is null))
        {
            foreach (var name in o.Programme.Content.Sequence().Distinct(StringComparer.Ordinal))
            {
                if (set.RecordingNamed(name) is not { } recording || RecordingOccurrences.SameDayNotEnded(recording, o.Start) is not { } running)
                {
                    continue;
                }

                if (reported.Add((o.Programme.Id, name)))
                {
                    errors.Add(new ScheduleError(o.Programme.Source.Of("media:" + name), "sched.err.airsBeforeRecording",
                        [name, Clock(o.Start), Clock(running.Start), Clock(running.End)]));
                }
            }
        }
    }

    private static string Clock(DateTimeOffset t) => CommuneTime.ToLocal(t).ToString("HH:mm", CultureInfo.InvariantCulture);
}
