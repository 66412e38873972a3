using System.CommandLine;
using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TanKy.Hub.Schedules;
using TanKy.Hub.Schedules.Editing;
using TanKy.Hub.Schedules.Parsing;
using TanKy.Hub.Shared.Data;

namespace TanKy.Bench;

/// <summary>
/// <c>programme-save [--programmes 500] [--zones 30] [--runs 7]</c>: what the console's "Kiểm tra
/// và lưu" costs over the synthetic folder of <see cref="ScheduleBench"/>: an accepted save
/// (validate the folder with the new file, write, reload the store) and a refused one (validate
/// only). Reports the first run and the median of the rest.
/// </summary>
internal static class ProgrammeSaveBench
{
    public static Command Command(BenchStart start)
    {
        var programmes = BenchOptions.Int("--programmes", 500, "Programmes in the synthetic folder");
        var zones = BenchOptions.Int("--zones", 30, "Zones");
        var runs = BenchOptions.Int("--runs", 7, "Saves of each kind (at least 2)");
        var cmd = new Command("programme-save", "Chi phí của \"Kiểm tra và lưu\" / what the console's programme save costs") { programmes, zones, runs };
        cmd.SetAction(r => start(cmd.Name, () => RunAsync(r.GetValue(programmes), r.GetValue(zones), Math.Max(2, r.GetValue(runs)))));
        return cmd;
    }

    private static Task<int> RunAsync(int programmes, int zones, int runs)
    {
        var root = Directory.CreateTempSubdirectory("tanky-save-bench-").FullName;
        try
        {
            var folder = Directory.CreateDirectory(Path.Combine(root, "schedules")).FullName;
            var refs = new FixedReferences(ScheduleBench.Synthesise(folder, programmes, zones));
            var db = new Database(root);
            db.Migrate();
            var time = TimeProvider.System;
            var options = Options.Create(new ScheduleOptions { Directory = folder });
            var store = new ProgrammeStore(options, refs, new ScheduleSnapshotStore(db, time), time, NullLogger<ProgrammeStore>.Instance, []);
            store.LoadAtStart();
            var editor = new ProgrammeEditor(store, options, refs, time, [], NullLogger<ProgrammeEditor>.Instance);
            var clip = refs.Read().Media.Keys.First();
            var saved = new List<double>();
            var refused = new List<double>();
            for (var i = 0; i < runs; i++)
            {
                var draft = new ProgrammeDraft { Id = $"bench-{i}", Title = "Bench", Zones = [$"khoi-{1 + (i % zones)}"], Playlist = clip, Times = $"23:{50 + (i % 10)}", Days = ["cn"] };
                var sw = Stopwatch.StartNew();
                var ok = editor.Create(draft, "bench");
                saved.Add(sw.Elapsed.TotalMilliseconds);
                draft.Id = $"bench-x{i}";
                draft.Times = "24:61";
                sw.Restart();
                var no = editor.Create(draft, "bench");
                refused.Add(sw.Elapsed.TotalMilliseconds);
                if (!ok.Saved || no.Saved)
                {
                    Console.Error.WriteLine(string.Join('\n', ok.General.Concat(ok.FieldErrors.SelectMany(f => f.Value))));
                    return Task.FromResult(1);
                }
            }

            BenchOutput.Write("programme-save", new
            {
                programmes = store.Current!.Programmes.Count,
                zones,
                save_ms_cold = Math.Round(saved[0], 1),
                save_ms_warm_median = Math.Round(ScheduleBench.Median(saved.Skip(1)), 1),
                refused_ms_cold = Math.Round(refused[0], 1),
                refused_ms_warm_median = Math.Round(ScheduleBench.Median(refused.Skip(1)), 1),
                peak_rss_mib = Math.Round(BenchOutput.PeakRssMiB(), 0),
            });
            return Task.FromResult(0);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(root, recursive: true);
        }
    }

    private sealed class FixedReferences(ScheduleReferences refs) : IScheduleReferenceSource
    {
        public ScheduleReferences Read() => refs;
    }
}
