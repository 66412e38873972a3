using TanKy.Hub.Conformance.Run;
using TanKy.Protocol;
using TanKy.Protocol.Messages;

namespace TanKy.Hub.Conformance.Clauses;

/// <summary>§4.5 commands and replies, and the device's clock seen through <c>ping</c> (§4.5, §4.7, §8.2).</summary>
internal static class CommandClauses
{
    private const int Pings = 5;

    /// <summary>
    /// Five pings: each must get exactly one <c>ok</c> reply with its id. The reply's <c>data.ts</c>
    /// must lie inside the hub's send–receive window (whole ms, so ±1 ms of rounding) within the
    /// clock tolerance; the best of the five counts, as a network delay only widens the window.
    /// </summary>
    public static async Task PingAndClockAsync(RunContext r, CancellationToken ct)
    {
        const string clause = "§4.5", name = "conf2.name.ping";
        double? best = null;
        var rtts = new List<double>();
        var noClock = 0;
        var start = r.Inbox.Mark;
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Pings; i++)
        {
            var from = r.Inbox.Mark;
            var sent = r.Now;
            var id = await r.SendCommandAsync("ping", sent + r.Options.ReplyTimeout, null, ct);
            var (reply, at) = await r.WaitReplyAsync(id, from, ct);
            if (reply is null)
            {
                r.Add(ClauseResult.Failed(clause, name, ClauseText.M("conf2.r.no-ping-reply", id, ClauseText.N(r.Options.ReplyTimeout.TotalSeconds))));
                r.Add(ClauseResult.Failed("§8.2", "conf2.name.clock", ClauseText.M("conf2.r.clock-no-reply")));
                return;
            }

            if (reply.Status != ProtocolConstants.ReplyOk)
            {
                r.Add(ClauseResult.Failed(clause, name, ClauseText.M("conf2.r.ping-status", reply.Status, reply.Error)));
                return;
            }

            ids.Add(id);
            rtts.Add((at - sent).TotalMilliseconds);
            if (reply.Data?["ts"] is { } ts && ts.GetValueKind() == System.Text.Json.JsonValueKind.Number && ts.GetValue<long>() > 0)
            {
                var deviceMs = ts.GetValue<long>();
                var outside = Math.Max(0, Math.Max(sent.ToUnixTimeMilliseconds() - deviceMs, deviceMs - at.ToUnixTimeMilliseconds()) - 1);
                best = best is null ? outside : Math.Min(best.Value, outside);
            }
            else
            {
                noClock++;
            }
        }

        // Replies that came after the first one of their command (checked once all five are answered).
        var replies = r.Inbox.Since(start, m => m.Message is ReplyMessage x && ids.Contains(x.Id)).Count;
        if (replies > Pings)
        {
            r.Add(ClauseResult.Failed(clause, name, ClauseText.M("conf2.r.ping-replies", replies, Pings)));
            return;
        }

        var rtt = rtts.Min();
        r.Add(ClauseResult.Ok(clause, name, ClauseText.M("conf2.r.ping-ok", Pings, ClauseText.N(rtt, "0.#")), new Dictionary<string, double> { ["ping_rtt_min_ms"] = rtt }));
        ClockVerdict(r, best, noClock, rtt);
    }

    private static void ClockVerdict(RunContext r, double? best, int noClock, double rtt)
    {
        const string name = "conf2.name.clock";
        var clause = r.IsSpeaker ? "§8.2" : "§4.5";
        if (best is not { } error)
        {
            r.Add(r.IsSpeaker
                ? ClauseResult.Failed(clause, name, ClauseText.M("conf2.r.clock-no-ts-speaker"))
                : ClauseResult.Ok(clause, name, ClauseText.M("conf2.r.clock-no-ts")));
            return;
        }

        var tolerance = r.IsSpeaker ? r.Options.ClockToleranceMs : r.Options.LooseClockToleranceMs;
        var figures = new Dictionary<string, double> { ["clock_error_ms"] = error, ["ping_rtt_min_ms"] = rtt };
        var parts = new List<string> { ClauseText.M("conf2.r.clock", ClauseText.N(error, "0.#"), ClauseText.N(tolerance, "0.#")) };
        if (noClock > 0)
        {
            parts.Add(ClauseText.M("conf2.r.clock-some-no-ts", noClock));
        }

        r.Add(error <= tolerance
            ? ClauseResult.Ok(clause, name, ClauseText.All(parts), figures)
            : ClauseResult.Failed(clause, name, ClauseText.All(parts.Prepend(ClauseText.M("conf2.r.clock-off"))), figures));
    }

    /// <summary>An op nobody implements: the reply must be <c>error</c> "unknown op '…'".</summary>
    public static async Task UnknownOpAsync(RunContext r, CancellationToken ct)
    {
        const string clause = "§4.5", name = "conf2.name.unknown-op";
        const string op = "conformance-no-such-op";
        var from = r.Inbox.Mark;
        var id = await r.SendCommandAsync(op, r.Now + r.Options.ReplyTimeout, null, ct);
        var (reply, _) = await r.WaitReplyAsync(id, from, ct);
        var expected = $"unknown op '{op}'";
        r.Add(reply switch
        {
            null => ClauseResult.Failed(clause, name, ClauseText.M("conf2.r.no-reply-unknown-op")),
            { Status: ProtocolConstants.ReplyError } when reply.Error == expected => ClauseResult.Ok(clause, name, ClauseText.M("conf2.r.error-as-expected", expected)),
            _ => ClauseResult.Failed(clause, name, ClauseText.M("conf2.r.replied-expected", reply.Status, reply.Error, expected)),
        });
    }

    /// <summary>A ping whose <c>expires</c> is a minute past: it must not run, the reply is <c>error</c> "expired".</summary>
    public static async Task ExpiredAsync(RunContext r, CancellationToken ct)
    {
        const string clause = "§4.5", name = "conf2.name.expired";
        var from = r.Inbox.Mark;
        var id = await r.SendCommandAsync("ping", r.Now - TimeSpan.FromMinutes(1), null, ct);
        var (reply, _) = await r.WaitReplyAsync(id, from, ct);
        r.Add(reply switch
        {
            null => ClauseResult.Failed(clause, name, ClauseText.M("conf2.r.no-reply-expired")),
            { Status: ProtocolConstants.ReplyError, Error: "expired" } => ClauseResult.Ok(clause, name, ClauseText.M("conf2.r.expired-ok")),
            _ => ClauseResult.Failed(clause, name, reply.Error is null ? ClauseText.M("conf2.r.replied-no-error", reply.Status, "expired") : ClauseText.M("conf2.r.replied-expected", reply.Status, reply.Error, "expired")),
        });
    }
}
