using System.Globalization;
using Dapper;
using TanKy.DeviceSim.Node;
using TanKy.EndToEnd.Tests.Foundation;
using TanKy.EndToEnd.Tests.Programme;
using TanKy.Hub.Accounts;
using TanKy.Hub.Schedules.History;
using TanKy.Tests.Shared;
using Xunit.Abstractions;

namespace TanKy.EndToEnd.Tests.Field;

/// <summary>
/// Durability: the hub, a separate process, is killed with SIGKILL at random moments while it
/// takes HTTP writes, plays broadcasts and programme airings, reloads its schedule folder and
/// records device telemetry and status. After every kill: integrity_check is ok and nothing it
/// acknowledged is lost; at the end the programme has continued per each misfire policy.
/// <c>TANKY_KILL_LOOPS</c> sets the number of random kills (CI default 4; the full run is 20);
/// <c>TANKY_TEST_SEED</c> replays a run's random choices (the test prints the seed it used).
/// </summary>
public sealed class KillNine_Tests(ITestOutputHelper output)
{
    private static readonly TimeZoneInfo Commune = TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh");
    private static readonly TimeSpan Start = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task The_hub_survives_kill_9_with_its_database_intact_no_acknowledged_write_lost_and_the_programme_continuing()
    {
        var kills = int.TryParse(Environment.GetEnvironmentVariable("TANKY_KILL_LOOPS"), out var k) ? k : 4;
        var seed = Seed();
        var random = new Random(seed);
        output.WriteLine($"kills {kills}, seed {seed} (replay: TANKY_TEST_SEED={seed})");

        var harness = ProgrammeCommune.Prepare(out var schedules); // its hub is the child process below, not the in-process one
        using var dir = harness.Dir;
        var users = new UserStore(harness.Dir.Db, TimeProvider.System);
        users.Add("van-hoa", Role.Admin, []);
        var token = new TokenService(harness.Dir.Db, users, TimeProvider.System).Create("van-hoa", "kill-9");
        string[] hubArgs = [$"--Schedules:Directory={schedules}", "--Schedules:OutcomeInterval=00:00:00.5"];

        // Airings every minute at :00 from the first whole minute ≥ 15 s ahead (the random kills
        // fall around it), for as long as the run lasts.
        var first = NextMinute(DateTimeOffset.UtcNow + TimeSpan.FromSeconds(15));
        var last = first + TimeSpan.FromSeconds((kills * 12) + 150);
        var programme = new FieldProgramme(schedules, first, last);
        programme.Write(revision: 0);

        // The workload's own generator (its loop runs beside this thread), seeded from the run's seed.
        var writes = new AckedWrites(harness.Dir.Path, ["loa-khoi-1-a", "loa-xom-3-a"], ["khoi-1", "xom-3"], ProgrammeCommune.Alarm, new Random(random.Next()));
        var nodes = new List<SimulatedNode>();
        var hub = await HubChildProcess.StartAsync(harness.Dir.Path, token, hubArgs, Start);

        // Every restart binds the MQTT port this first hub got, given explicitly: the devices keep
        // reconnecting to that one port, as field devices keep their broker address across a power
        // cut. It is our own port, released by the kill just before, so nothing else of ours wants
        // it; should the OS hand it to another process in that instant, the restart fails loudly.
        var mqttPort = hub.MqttPort;
        try
        {
            foreach (var id in harness.Secrets.Keys)
            {
                var node = new SimulatedNode(harness.NodeOptions(id, mqttPort) with { ReconnectCap = TimeSpan.FromSeconds(1) });
                nodes.Add(node);
                await node.StartAsync();
            }

            for (var cycle = 1; cycle <= kills; cycle++)
            {
                using var stop = new CancellationTokenSource();
                var work = writes.RunAsync(hub.Http, stop.Token);
                programme.Write(cycle); // a schedule reload races with the writes and the kill
                var delay = random.Next(300, 3000);
                output.WriteLine($"cycle {cycle}: kill after {delay} ms");
                await Task.Delay(TimeSpan.FromMilliseconds(delay));
                await hub.KillAsync();
                await stop.CancelAsync();
                await work;
                writes.Verify(cycle);
                await hub.DisposeAsync();
                hub = await HubChildProcess.StartAsync(harness.Dir.Path, token, hubArgs, Start, mqttPort);
            }

            // Down across an airtime: the 10-minute programme plays late, the 5-second one is skipped and recorded.
            var airtime = NextMinute(Max(DateTimeOffset.UtcNow + TimeSpan.FromSeconds(5), first));
            airtime.Should().BeOnOrBefore(last, "the programme window covers the deliberate outage");
            await UntilAsync(airtime - TimeSpan.FromSeconds(2));
            await hub.KillAsync();
            writes.Verify(kills + 1);
            await hub.DisposeAsync();
            await UntilAsync(airtime + TimeSpan.FromSeconds(8));
            hub = await HubChildProcess.StartAsync(harness.Dir.Path, token, hubArgs, Start, mqttPort);

            var rows = await ResolvedHistoryAsync(harness, first, airtime);
            output.WriteLine($"acknowledged: desired {writes.AcknowledgedDesired}, broadcasts {writes.AcknowledgedBroadcasts}, media {writes.AcknowledgedMedia}; history:");
            foreach (var r in rows)
            {
                output.WriteLine($"  {r.ProgrammeId} {DateTimeOffset.FromUnixTimeMilliseconds(r.OccurrenceAt):HH:mm:ss} fired {(r.FiredAt is { } f ? (f - r.OccurrenceAt) / 1000.0 : null)} s late → {r.Outcome} {r.Reason}");
            }

            writes.Acknowledged.Should().BeGreaterThan(0, "the workload reached the hub between kills");
            rows.Should().OnlyContain(r => r.Outcome != HistoryOutcome.Planned && r.Outcome != HistoryOutcome.Fired, "every airtime is settled: aired, failed by a kill (with the reason) or skipped");
            var occurrences = Enumerable.Range(0, (int)((airtime - first).TotalMinutes) + 1).Select(m => (first + TimeSpan.FromMinutes(m)).ToUnixTimeMilliseconds()).ToList();
            rows.Where(r => r.ProgrammeId == FieldProgramme.Patient).Select(r => r.OccurrenceAt).Should().BeEquivalentTo(occurrences, "every airtime of the patient programme is planned once, kills or not");
            rows.Where(r => r.ProgrammeId == FieldProgramme.Patient).Should().OnlyContain(r => r.Outcome != HistoryOutcome.SkippedMisfire && r.FiredAt != null, "10 minutes late is allowed and no outage lasted that long");
            var late = rows.Single(r => r.ProgrammeId == FieldProgramme.Patient && r.OccurrenceAt == airtime.ToUnixTimeMilliseconds());
            (late.FiredAt!.Value - late.OccurrenceAt).Should().BeGreaterThanOrEqualTo(5_000, "it fired when the hub was back, late");
            var skipped = rows.Single(r => r.ProgrammeId == FieldProgramme.Strict && r.OccurrenceAt == airtime.ToUnixTimeMilliseconds());
            skipped.Outcome.Should().Be(HistoryOutcome.SkippedMisfire);
            HistoryReason.Render(skipped.Reason, "en").Should().Contain("late", "the reason is stored as a text key and read in English here");
            foreach (var node in nodes)
            {
                await node.WaitUntilConnectedAsync(CommuneHarness.Wait); // devices reconnect to the restarted hub on their own
            }
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }

            await hub.DisposeAsync();
        }
    }

    /// <summary><c>TANKY_TEST_SEED</c> when set (to replay a failure), else a new one.</summary>
    private static int Seed()
    {
        var given = Environment.GetEnvironmentVariable("TANKY_TEST_SEED");
        if (string.IsNullOrEmpty(given))
        {
            return Environment.TickCount;
        }

        return int.TryParse(given, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed)
            ? seed
            : throw new InvalidOperationException($"TANKY_TEST_SEED must be an integer, not '{given}'");
    }

    private static Task UntilAsync(DateTimeOffset at)
    {
        var wait = at - DateTimeOffset.UtcNow;
        return Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.Zero);
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static DateTimeOffset NextMinute(DateTimeOffset t) =>
        new DateTimeOffset(t.Year, t.Month, t.Day, t.Hour, t.Minute, 0, TimeSpan.Zero) + TimeSpan.FromMinutes(1);

    /// <summary>History rows of both programmes up to <paramref name="until"/>, once none is left merely planned.</summary>
    private static async Task<List<HistoryEntry>> ResolvedHistoryAsync(CommuneHarness harness, DateTimeOffset from, DateTimeOffset until)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            using var c = harness.Dir.Db.Open();
            var rows = c.Query<HistoryEntry>(
                "SELECT programme_id AS ProgrammeId, occurrence_at AS OccurrenceAt, fired_at AS FiredAt, outcome AS Outcome, reason AS Reason FROM programme_history WHERE occurrence_at BETWEEN @a AND @b ORDER BY occurrence_at, programme_id",
                new { a = from.ToUnixTimeMilliseconds(), b = until.ToUnixTimeMilliseconds() }).ToList();
            if (rows.All(r => r.Outcome != HistoryOutcome.Planned && r.Outcome != HistoryOutcome.Fired) || DateTime.UtcNow > deadline)
            {
                return rows;
            }

            await Task.Delay(250);
        }
    }

    internal sealed record HistoryEntry(string ProgrammeId, long OccurrenceAt, long? FiredAt, string Outcome, string? Reason);

    /// <summary>Two programmes every minute at :00 over a time window: one may play 10 minutes late, one only 5 seconds.</summary>
    private sealed class FieldProgramme(string folder, DateTimeOffset first, DateTimeOffset last)
    {
        public const string Patient = "ban-tin-kien-nhan";
        public const string Strict = "thong-bao-dung-gio";

        /// <summary>Rewrites the file (a new revision comment): the hub's folder watch reloads it.</summary>
        public void Write(int revision)
        {
            var cron = Cron();
            File.WriteAllText(Path.Combine(folder, "field.yaml"), $"""
                # revision {revision}
                programmes:
                  - id: {Patient}
                    title: Bản tin (phát muộn tối đa 10 phút)
                    zones: [khoi-1]
                    content: [{ProgrammeCommune.Bulletin}]
                    recurrence:
                      cron: "{cron}"
                    play_late_within: 10m
                  - id: {Strict}
                    title: Thông báo đúng giờ
                    zones: [xom-3]
                    content: [{ProgrammeCommune.Bulletin}]
                    recurrence:
                      cron: "{cron}"
                    play_late_within: 5s
                """);
        }

        /// <summary>Second 0 of every minute of the window, in the commune's time (lists, so the window may cross an hour or a day).</summary>
        private string Cron()
        {
            var minutes = new SortedSet<int>();
            var hours = new SortedSet<int>();
            var days = new SortedSet<int>();
            for (var t = first; t <= last; t += TimeSpan.FromMinutes(1))
            {
                var local = TimeZoneInfo.ConvertTime(t, Commune);
                minutes.Add(local.Minute);
                hours.Add(local.Hour);
                days.Add(local.Day);
            }

            var month = TimeZoneInfo.ConvertTime(first, Commune).Month;
            return string.Create(CultureInfo.InvariantCulture, $"0 {string.Join(',', minutes)} {string.Join(',', hours)} {string.Join(',', days)} {month} ?");
        }
    }
}
