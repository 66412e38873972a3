using System.Globalization;
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
        const string clause = "§4.5", name = "cmd → reply (ping)";
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
                r.Add(ClauseResult.Failed(clause, name, $"không trả lời / no reply to ping {id} within {r.Options.ReplyTimeout.TotalSeconds:0} s"));
                r.Add(ClauseResult.Failed("§8.2", "clock (ping ts vs hub clock)", "không đo được / not measured: no ping reply"));
                return;
            }

            if (reply.Status != ProtocolConstants.ReplyOk)
            {
                r.Add(ClauseResult.Failed(clause, name, $"ping replied {reply.Status}: {reply.Error}"));
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
            r.Add(ClauseResult.Failed(clause, name, $"{replies} replies to {Pings} commands; exactly one each is required"));
            return;
        }

        var rtt = rtts.Min();
        r.Add(ClauseResult.Ok(clause, name, $"{Pings}/{Pings} ping replied ok, one reply each; round trip min {rtt:0.#} ms", new Dictionary<string, double> { ["ping_rtt_min_ms"] = rtt }));
        ClockVerdict(r, best, noClock, rtt);
    }

    private static void ClockVerdict(RunContext r, double? best, int noClock, double rtt)
    {
        const string name = "clock (ping ts vs hub clock)";
        var clause = r.IsSpeaker ? "§8.2" : "§4.5";
        if (best is not { } error)
        {
            r.Add(r.IsSpeaker
                ? ClauseResult.Failed(clause, name, "ping reply has no data.ts: a speaker syncs its clock with the hub (§8.2) and must know the time")
                : ClauseResult.Ok(clause, name, "no data.ts (device without a clock: allowed by §4.5)"));
            return;
        }

        var tolerance = r.IsSpeaker ? r.Options.ClockToleranceMs : r.Options.LooseClockToleranceMs;
        var figures = new Dictionary<string, double> { ["clock_error_ms"] = error, ["ping_rtt_min_ms"] = rtt };
        var text = string.Create(CultureInfo.InvariantCulture, $"device time {error:0.#} ms outside the hub's send–receive window (tolerance {tolerance:0.#} ms){(noClock > 0 ? $", {noClock} replies without ts" : "")}");
        r.Add(error <= tolerance ? ClauseResult.Ok(clause, name, text, figures) : ClauseResult.Failed(clause, name, "đồng hồ lệch / clock off: " + text, figures));
    }

    /// <summary>An op nobody implements: the reply must be <c>error</c> "unknown op '…'".</summary>
    public static async Task UnknownOpAsync(RunContext r, CancellationToken ct)
    {
        const string clause = "§4.5", name = "unknown command";
        const string op = "conformance-no-such-op";
        var from = r.Inbox.Mark;
        var id = await r.SendCommandAsync(op, r.Now + r.Options.ReplyTimeout, null, ct);
        var (reply, _) = await r.WaitReplyAsync(id, from, ct);
        var expected = $"unknown op '{op}'";
        r.Add(reply switch
        {
            null => ClauseResult.Failed(clause, name, "không trả lời / no reply to an unknown op"),
            { Status: ProtocolConstants.ReplyError } when reply.Error == expected => ClauseResult.Ok(clause, name, $"error \"{expected}\""),
            _ => ClauseResult.Failed(clause, name, $"replied {reply.Status} \"{reply.Error}\"; expected error \"{expected}\""),
        });
    }

    /// <summary>A ping whose <c>expires</c> is a minute past: it must not run, the reply is <c>error</c> "expired".</summary>
    public static async Task ExpiredAsync(RunContext r, CancellationToken ct)
    {
        const string clause = "§4.5", name = "expired command";
        var from = r.Inbox.Mark;
        var id = await r.SendCommandAsync("ping", r.Now - TimeSpan.FromMinutes(1), null, ct);
        var (reply, _) = await r.WaitReplyAsync(id, from, ct);
        r.Add(reply switch
        {
            null => ClauseResult.Failed(clause, name, "không trả lời / no reply to an expired command"),
            { Status: ProtocolConstants.ReplyError, Error: "expired" } => ClauseResult.Ok(clause, name, "error \"expired\", not run"),
            _ => ClauseResult.Failed(clause, name, $"replied {reply.Status}{(reply.Error is null ? "" : $" \"{reply.Error}\"")}; expected error \"expired\""),
        });
    }
}
