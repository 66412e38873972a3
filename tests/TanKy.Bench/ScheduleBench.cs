using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using TanKy.Hub.Schedules;
using TanKy.Hub.Schedules.Parsing;

namespace TanKy.Bench;

/// <summary>
/// <c>schedules [--programmes 500] [--zones 30] [--days 30] [--runs 5]</c>: writes a synthetic
/// programme (normal bulletins per zone on several recurrence kinds, commune-wide priority
/// inserts, a holiday calendar) to a temporary folder, then times "read + parse + validate
/// (references and the 8-week overlap search)" and "30-day agenda over every zone". Reports
/// the first (cold) run and the median of the rest, and whether the hub assembly was precompiled
/// (ReadyToRun): publish the bench like the hub is deployed to measure the cold figure a gateway sees:
/// <c>dotnet publish tests/TanKy.Bench -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o /tmp/bench-r2r</c>.
/// </summary>
internal static class ScheduleBench
{
    public static Command Command(BenchStart start)
    {
        var programmes = BenchOptions.Int("--programmes", 500, "Programmes in the synthetic folder");
        var zones = BenchOptions.Int("--zones", 30, "Zones");
        var days = BenchOptions.Int("--days", 30, "Days of agenda");
        var runs = BenchOptions.Int("--runs", 5, "Runs (at least 2)");
        var cmd = new Command("schedules", "Đọc, kiểm tra lịch và lập lịch phát / read + validate the programme, then the agenda") { programmes, zones, days, runs };
        cmd.SetAction(r => start(cmd.Name, () => RunAsync(r.GetValue(programmes), r.GetValue(zones), r.GetValue(days), Math.Max(2, r.GetValue(runs)))));
        return cmd;
    }

    private static Task<int> RunAsync(int programmes, int zones, int days, int runs)
    {
        var dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "tanky-schedule-bench-" + Guid.NewGuid().ToString("N")[..8])).FullName;
        try
        {
            var refs = Synthesise(dir, programmes, zones);
            var now = new DateTimeOffset(2026, 4, 27, 0, 0, 0, TimeSpan.FromHours(7));
            var load = new List<double>();
            var agenda = new List<double>();
            ScheduleLoadResult result = null!;
            var entries = 0;
            for (var i = 0; i < runs; i++)
            {
                var sw = Stopwatch.StartNew();
                result = ScheduleLoader.Load(ScheduleSource.ReadFolder(dir), refs, now, TimeSpan.FromDays(56));
                load.Add(sw.Elapsed.TotalMilliseconds);
                if (!result.IsValid)
                {
                    Console.Error.WriteLine(string.Join('\n', result.Errors.Take(5)));
                    return Task.FromResult(1);
                }

                sw.Restart();
                entries = AgendaService.Compute(result.Set!, now, TimeSpan.FromDays(days), null).Count;
                agenda.Add(sw.Elapsed.TotalMilliseconds);
            }

            BenchOutput.Write("schedules", new
            {
                programmes = result.Set!.Programmes.Count,
                zones,
                days,
                agenda_entries = entries,
                load_validate_ms_cold = Math.Round(load[0], 1),
                load_validate_ms_warm_median = Math.Round(Median(load.Skip(1)), 1),
                agenda_ms_cold = Math.Round(agenda[0], 1),
                agenda_ms_warm_median = Math.Round(Median(agenda.Skip(1)), 1),
                goal_ms = 200,
                // The cold figure is mostly JIT: a ReadyToRun hub (as hub/deploy publishes it) starts precompiled.
                hub_ready_to_run = IsReadyToRun(typeof(ScheduleLoader).Assembly.Location),
                peak_rss_mib = Math.Round(BenchOutput.PeakRssMiB(), 0),
            });
            return Task.FromResult(0);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>
    /// Normal programmes sit in one zone each, on a 30-minute grid from 05:00 so that none
    /// overlaps another of its class; every twentieth is a commune-wide priority insert at :10 on
    /// its own weekday and hour, overlapping (legitimately) the normal bulletins it cuts.
    /// </summary>
    internal static ScheduleReferences Synthesise(string dir, int programmes, int zones)
    {
        var zoneIds = Enumerable.Range(1, zones).Select(z => $"khoi-{z}").ToList();
        var media = Enumerable.Range(0, 20).ToDictionary(i => $"m-bench{(char)('a' + i)}aaaa", i => TimeSpan.FromSeconds(120 + (i * 20)), StringComparer.Ordinal);
        var clips = media.Keys.ToList();
        var file = new StringBuilder();
        var fileIndex = 0;
        for (var k = 0; k < programmes; k++)
        {
            if (k % 50 == 0)
            {
                Flush(dir, file, ref fileIndex);
                file.AppendLine("programmes:");
            }

            file.Append(k % 20 == 19 ? Priority(k, clips) : Normal(k, zoneIds, clips));
        }

        Flush(dir, file, ref fileIndex);
        File.WriteAllText(Path.Combine(dir, "le-tet.yaml"), "calendars:\n  - id: le-tet\n    dates: [2026-04-30, 2026-05-01, 2026-09-02, { from: 2027-02-04, to: 2027-02-10, name: Tết }]\n");
        return new ScheduleReferences(zoneIds, new HashSet<string>(StringComparer.Ordinal), media);
    }

    private static string Normal(int k, List<string> zones, List<string> clips)
    {
        var slot = k / zones.Count;
        var at = new TimeOnly(5, 0).AddMinutes(30 * slot).ToString("HH:mm", CultureInfo.InvariantCulture);
        var rule = (k % 4) switch
        {
            0 => "days: daily",
            1 => "days: weekdays",
            2 => "every: 2 days\n      anchor: 2026-04-27",
            _ => "every: 1 weeks\n      anchor: 2026-04-27\n      days: [mon, wed, fri]",
        };
        return $"""
              - id: ct-{k}
                title: Chương trình {k}
                zones: [{zones[k % zones.Count]}]
                content: {"{"} chime_before: {clips[0]}, playlist: [{clips[1 + (k % 19)]}] {"}"}
                recurrence:
                  times: ["{at}"]
                  {rule}
                skip_on: [le-tet]
                on_preempt: {(k % 3 == 0 ? "resume" : k % 3 == 1 ? "restart" : "skip")}

            """;
    }

    private static string Priority(int k, List<string> clips) => $"""
          - id: uu-tien-{k}
            title: Bản tin chèn {k}
            class: priority
            zones: all
            content: [{clips[k % 20]}]
            recurrence:
              times: ["{5 + (k / 20 % 12):00}:10"]
              days: [{"mon,tue,wed,thu,fri,sat,sun".Split(',')[k / 20 % 7]}]

        """;

    private static void Flush(string dir, StringBuilder file, ref int index)
    {
        if (file.Length > 0)
        {
            File.WriteAllText(Path.Combine(dir, $"chuong-trinh-{index++:00}.yaml"), file.ToString());
            file.Clear();
        }
    }

    private static bool IsReadyToRun(string assemblyPath)
    {
        using var pe = new System.Reflection.PortableExecutable.PEReader(File.OpenRead(assemblyPath));
        return pe.PEHeaders.CorHeader?.ManagedNativeHeaderDirectory.Size > 0;
    }

    internal static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 0 : sorted[sorted.Count / 2];
    }
}
