using System.Globalization;
using Dapper;
using TanKy.Hub.Broadcasts.Sources;
using TanKy.EndToEnd.Tests.Foundation;
using TanKy.Hub.Media.Demo;

namespace TanKy.EndToEnd.Tests.Programme;

/// <summary>
/// The foundation commune plus a media library of generated clips and a schedules folder, for
/// programme tests on the real hub and simulated speakers (system clock: waits are generous).
/// </summary>
internal static class ProgrammeCommune
{
    public const string Chime = "m-chuongbaoa";
    public const string Bulletin = "m-bantinsang";
    public const string Alarm = "m-tinkhancap";
    public static readonly TimeSpan Long = TimeSpan.FromSeconds(60);

    public static CommuneHarness Prepare(out string schedules)
    {
        var harness = CommuneHarness.Prepare();
        AddClip(harness, Chime, TimeSpan.FromSeconds(1));
        AddClip(harness, Bulletin, TimeSpan.FromSeconds(8));
        AddClip(harness, Alarm, TimeSpan.FromSeconds(2));
        schedules = Directory.CreateDirectory(Path.Combine(harness.Dir.Path, "schedules")).FullName;
        return harness;
    }

    public static Dictionary<string, string> Settings(string schedules) => new()
    {
        ["Schedules:Directory"] = schedules,
        ["Schedules:OutcomeInterval"] = "00:00:00.2",
    };

    /// <summary>A programme for khoi-1 firing at <paramref name="at"/> (a cron with seconds, so it can be seconds ahead).</summary>
    public static void WriteProgramme(string schedules, string id, DateTimeOffset at, string onPreempt)
    {
        var local = TimeZoneInfo.ConvertTime(at, TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh"));
        var cron = string.Create(CultureInfo.InvariantCulture, $"{local.Second} {local.Minute} {local.Hour} {local.Day} {local.Month} ?");
        File.WriteAllText(Path.Combine(schedules, id + ".yaml"), $"""
            programmes:
              - id: {id}
                title: Bản tin thử
                class: normal
                zones: [khoi-1]
                content:
                  chime_before: {Chime}
                  playlist: [{Bulletin}]
                recurrence:
                  cron: "{cron}"
                on_preempt: {onPreempt}
                play_late_within: 1m
            """);
    }

    /// <summary>Waits until the agenda shows <paramref name="deviceId"/> cache-ready for <paramref name="programme"/> and the node's clock is synchronised.</summary>
    public static async Task WaitCacheReadyAsync(CommuneHarness h, DeviceSim.Node.SimulatedNode node, string programme)
    {
        await UntilAsync(
            () => h.Hub.Get<Hub.Schedules.AgendaService>().Build(1, "khoi-1").FirstOrDefault(e => e.ProgrammeId == programme)?.Nodes
                .FirstOrDefault(n => n.DeviceId == node.DeviceId && n.State == "ready"),
            Long, "the agenda to show the node cache-ready");
        await UntilAsync(() => node.IsClockSynchronised ? "synced" : null, Long, "clock sync");
    }

    /// <summary>Waits until <paramref name="probe"/> answers non-null, polling the database.</summary>
    public static async Task<T> UntilAsync<T>(Func<T?> probe, TimeSpan timeout, string what)
        where T : class
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (probe() is { } value)
            {
                return value;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("timed out waiting for " + what);
    }

    /// <summary>The airing's history row in khoi-1, its reason (stored as text keys) in English.</summary>
    public static (string Outcome, string? Reason, string? BroadcastId)? History(CommuneHarness h, string programme)
    {
        using var c = h.Dir.Db.Open();
        var row = c.QuerySingleOrDefault<(string Outcome, string? Reason, string? BroadcastId)?>(
            "SELECT outcome, reason, broadcast_id FROM programme_history WHERE programme_id = @programme AND zone = 'khoi-1' AND outcome <> 'planned'",
            new { programme });
        return row is { } r ? (r.Outcome, Hub.Schedules.History.HistoryReason.Render(r.Reason, "en"), r.BroadcastId) : null;
    }

    private static void AddClip(CommuneHarness h, string id, TimeSpan length) =>
        Hub.Media.Demo.DemoMedia.Store(h.Dir.Db, id, id, length, SignalEncoder.TestSignal, "test").Should().NotBeNull();
}
