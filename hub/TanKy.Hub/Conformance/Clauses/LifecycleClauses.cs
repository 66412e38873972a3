using TanKy.Hub.Broker;
using TanKy.Hub.Conformance.Run;
using TanKy.Protocol;
using TanKy.Protocol.Messages;

namespace TanKy.Hub.Conformance.Clauses;

/// <summary>
/// §4.2, §7.4, §4.3: the kit asks the device to <c>reboot</c> and watches a whole life cycle:
/// the offline state (its clean shutdown, or the will), a new birth with a new boot id, both
/// retained, then telemetry of the new boot from <c>seq</c> 0 at the announced interval. Runs
/// last: a reboot also forgets what the earlier clauses left in the node's memory.
/// </summary>
internal static class LifecycleClauses
{
    public static async Task RunAsync(RunContext r, string? bootBefore, CancellationToken ct)
    {
        var from = r.Inbox.Mark;
        var id = await r.SendCommandAsync("reboot", r.Now + r.Options.ReplyTimeout, null, ct);
        var (reply, _) = await r.WaitReplyAsync(id, from, ct);
        if (reply?.Status != ProtocolConstants.ReplyOk)
        {
            var why = reply is null ? ClauseText.M("conf2.r.no-reply-reboot") : ClauseText.M("conf2.r.reboot-status", reply.Status, reply.Error ?? "");
            var notTested = ClauseText.All([ClauseText.M("conf2.r.not-tested-since"), why]);
            r.Add(ClauseResult.Failed("§4.2", "conf2.name.will", why));
            r.Add(ClauseResult.Failed("§4.2", "conf2.name.birth", notTested));
            r.Add(ClauseResult.Failed("§4.3", "conf2.name.telemetry", notTested));
            return;
        }

        var offline = await r.Inbox.WaitAsync(from, m => m.Message is DeviceStateMessage { Status: ProtocolConstants.StatusOffline }, r.Options.RebootTimeout, ct);
        r.Add(offline switch
        {
            null => ClauseResult.Failed("§4.2", "conf2.name.will", ClauseText.M("conf2.r.no-offline", ClauseText.N(r.Options.RebootTimeout.TotalSeconds))),
            { Retained: false } => ClauseResult.Failed("§4.2", "conf2.name.will", ClauseText.M("conf2.r.offline-not-retained")),
            _ => ClauseResult.Ok("§4.2", "conf2.name.will", ClauseText.M("conf2.r.offline-ok")),
        });

        var afterOffline = offline is null ? from : IndexAfter(r, offline);
        var birthMessage = await r.Inbox.WaitAsync(afterOffline, m => m.Message is DeviceStateMessage { Status: ProtocolConstants.StatusOnline }, r.Options.RebootTimeout, ct);
        r.Add(Birth(r, birthMessage, bootBefore));
        await TelemetryAsync(r, birthMessage, ct);
    }

    private static int IndexAfter(RunContext r, DeviceMessage m)
    {
        // Messages are kept in arrival order; find the offline one to wait for the birth after it.
        var all = r.Inbox.Since(0, _ => true);
        for (var i = 0; i < all.Count; i++)
        {
            if (ReferenceEquals(all[i], m))
            {
                return i + 1;
            }
        }

        return 0;
    }

    private static ClauseResult Birth(RunContext r, DeviceMessage? m, string? bootBefore)
    {
        const string clause = "§4.2", name = "conf2.name.birth";
        if (m?.Message is not DeviceStateMessage birth)
        {
            return ClauseResult.Failed(clause, name, ClauseText.M("conf2.r.no-birth", ClauseText.N(r.Options.RebootTimeout.TotalSeconds)));
        }

        var problems = new List<string>();
        if (birth.Kind != r.Device.Kind.ToWire())
        {
            problems.Add(ClauseText.M("conf2.r.birth-kind", birth.Kind ?? "-", r.Device.Kind.ToWire()));
        }

        var missing = new[] { ("fw", birth.Fw is null), ("boot", birth.Boot is null), ("caps", birth.Caps is null), ("interval", birth.Interval is null) }.Where(x => x.Item2).Select(x => x.Item1).ToList();
        if (missing.Count > 0)
        {
            problems.Add(ClauseText.M("conf2.r.birth-lacks", string.Join(", ", missing)));
        }

        if (birth.Boot is not null && birth.Boot == bootBefore)
        {
            problems.Add(ClauseText.M("conf2.r.boot-same", birth.Boot));
        }

        if (r.IsSpeaker && birth.Caps?.Contains("opus") != true)
        {
            problems.Add(ClauseText.M("conf2.r.caps-opus"));
        }

        if (!m.Retained)
        {
            problems.Add(ClauseText.M("conf2.r.birth-not-retained"));
        }

        return problems.Count == 0
            ? ClauseResult.Ok(clause, name, ClauseText.M("conf2.r.birth-ok", birth.Kind, birth.Fw, bootBefore ?? "?", birth.Boot, string.Join(",", birth.Caps!), birth.Interval))
            : ClauseResult.Failed(clause, name, ClauseText.All(problems));
    }

    /// <summary>
    /// <see cref="ConformanceOptions.TelemetryMessages"/> messages of the new boot: seq 0, 1, 2…
    /// and gaps within a quarter of the interval (at least 0.5 s) of what the device announced.
    /// </summary>
    private static async Task TelemetryAsync(RunContext r, DeviceMessage? birthMessage, CancellationToken ct)
    {
        const string clause = "§4.3", name = "conf2.name.telemetry";
        if (birthMessage?.Message is not DeviceStateMessage birth)
        {
            r.Add(ClauseResult.Failed(clause, name, ClauseText.All([ClauseText.M("conf2.r.not-tested-since"), ClauseText.M("conf2.r.birth-none")])));
            return;
        }

        var interval = TimeSpan.FromSeconds(birth.Interval ?? 30);
        var count = r.Options.TelemetryMessages;
        var from = IndexAfter(r, birthMessage);
        var wait = (interval * (count + 0.5)) + r.Options.PlaybackSlack;
        var deadline = r.Now + wait;
        var seen = new List<DeviceMessage>();
        while (seen.Count < count && deadline > r.Now
            && await r.Inbox.WaitAsync(from, x => x.Message is TelemetryMessage, deadline - r.Now, ct) is { } next)
        {
            seen.Add(next);
            from = IndexAfter(r, next);
        }

        if (seen.Count < count)
        {
            r.Add(ClauseResult.Failed(clause, name, ClauseText.M("conf2.r.telemetry-few", seen.Count, ClauseText.N(wait.TotalSeconds), count, ClauseText.N(interval.TotalSeconds))));
            return;
        }

        var seqs = seen.Select(x => ((TelemetryMessage)x.Message!).Seq).ToList();
        var gaps = seen.Zip(seen.Skip(1), (a, b) => (b.ReceivedAt - a.ReceivedAt).TotalSeconds).ToList();
        var mean = gaps.Average();
        var slack = Math.Max(0.5, interval.TotalSeconds / 4);
        var figures = new Dictionary<string, double> { ["telemetry_interval_s"] = mean, ["announced_interval_s"] = interval.TotalSeconds };
        var text = ClauseText.M("conf2.r.telemetry", string.Join(",", seqs), ClauseText.N(mean, "0.##"), ClauseText.N(interval.TotalSeconds));
        if (seqs[0] != 0 || seqs.Zip(seqs.Skip(1), (a, b) => b - a).Any(d => d != 1))
        {
            r.Add(ClauseResult.Failed(clause, name, ClauseText.All([text, ClauseText.M("conf2.r.seq-wrong")]), figures));
        }
        else if (gaps.Any(g => Math.Abs(g - interval.TotalSeconds) > slack))
        {
            r.Add(ClauseResult.Failed(clause, name, ClauseText.All([text, ClauseText.M("conf2.r.gap-off", ClauseText.N(slack, "0.#"))]), figures));
        }
        else
        {
            r.Add(ClauseResult.Ok(clause, name, text, figures));
        }
    }
}
