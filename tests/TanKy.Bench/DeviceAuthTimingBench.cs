using System.CommandLine;
using System.Diagnostics;
using TanKy.Hub.Devices;
using TanKy.Hub.Shared;
using TanKy.Hub.Shared.Data;
using TanKy.Protocol;

namespace TanKy.Bench;

/// <summary>
/// <c>device-auth-timing [--tries 2000]</c>: how long the registry takes to refuse an unknown
/// device id and a known id with a wrong secret, interleaved so load hits both alike. Issue 14:
/// the two medians must be close, or timing lists which ids exist.
/// </summary>
internal static class DeviceAuthTimingBench
{
    public static Command Command(BenchStart start)
    {
        var tries = BenchOptions.Int("--tries", 2000, "Refusals of each kind");
        var cmd = new Command("device-auth-timing", "Thời gian từ chối thiết bị lạ và sai mật khẩu / unknown id vs wrong secret refusal time") { tries };
        cmd.SetAction(r => start(cmd.Name, () => Task.FromResult(Run(Math.Max(10, r.GetValue(tries))))));
        return cmd;
    }

    private static int Run(int tries)
    {
        var root = Directory.CreateTempSubdirectory("tanky-auth-bench-").FullName;
        try
        {
            var db = new Database(root);
            db.Migrate();
            new ZoneRegistry(db, TimeProvider.System).Add("khoi-1", "Khối 1");
            var registry = new DeviceRegistry(db, TimeProvider.System);
            registry.Add(new NewDevice("loa-khoi-1-a", DeviceKind.Speaker, ["khoi-1"], "Loa"));
            var unknown = new List<double>();
            var wrong = new List<double>();
            for (var i = 0; i < tries; i++)
            {
                var secret = SecretHasher.NewSecret();
                var sw = Stopwatch.StartNew();
                registry.Authenticate($"loa-khong-co-{i % 50}", secret);
                unknown.Add(sw.Elapsed.TotalMicroseconds);
                sw.Restart();
                registry.Authenticate("loa-khoi-1-a", secret);
                wrong.Add(sw.Elapsed.TotalMicroseconds);
            }

            BenchOutput.Write("device-auth-timing", new
            {
                tries,
                unknown_id_us_median = Math.Round(Median(unknown), 1),
                wrong_secret_us_median = Math.Round(Median(wrong), 1),
                unknown_id_us_p90 = Math.Round(Percentile(unknown, 0.9), 1),
                wrong_secret_us_p90 = Math.Round(Percentile(wrong, 0.9), 1),
            });
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(root, recursive: true);
        }
    }

    private static double Median(List<double> values) => Percentile(values, 0.5);

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[(int)Math.Min(sorted.Count - 1, Math.Floor(p * sorted.Count))];
    }
}
