using TanKy.Hub.Conformance.Run;
using TanKy.Protocol.Messages;

namespace TanKy.Hub.Conformance.Clauses;

/// <summary>
/// Speakers: play orders and frames (§4.8, §8.1, §8.2.5) and the playback events they cause
/// (§4.6). Each clause plays its own short stream of silent frames on the test zone.
/// </summary>
internal static class SpeakerClauses
{
    private const string Started = "playback.started";
    private const string Finished = "playback.finished";
    private const string Refused = "playback.refused";
    private static readonly TimeSpan Lead = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// One second of frames, all sent at once (well inside the 10 s look-ahead): started with a start
    /// error in bound, finished <c>end</c> with every slot from its first played frame counted. A node
    /// that reached the stream after its first slots (a stall) starts at the current slot and counts
    /// the skipped frames <c>late</c> (§8.2.5 step 6): conformant, reported as <c>skipped_frames</c>.
    /// </summary>
    public static async Task PlayAsync(RunContext r, CancellationToken ct)
    {
        const string clause = "§4.6", name = "conf2.name.play";
        var s = new TestStream(r, frames: 50, Lead);
        var from = await SendAsync(r, s, ct);
        var wait = UntilEnd(r, s);
        var started = await r.WaitEventAsync(from, s.Id, [Started], wait, ct);
        var finished = await r.WaitEventAsync(from, s.Id, [Finished], UntilEnd(r, s), ct);
        if (started is null)
        {
            r.Add(ClauseResult.Failed(clause, name, finished is null ? ClauseText.M("conf2.r.no-playback") : ClauseText.M("conf2.r.no-started", Playback.Of(finished).Counts)));
            return;
        }

        var p = Playback.Of(started);
        var problems = new List<string>();
        var skipped = SkippedFrames(p, s);
        if (skipped is null)
        {
            problems.Add(ClauseText.M("conf2.r.intended", p.IntendedUs, s.StartMicros));
        }

        if (p.ErrorUs is not { } error || p.ActualUs is not { } actual || p.IntendedUs is not { } intended || Math.Abs(actual - intended - error) > 1)
        {
            problems.Add(ClauseText.M("conf2.r.error-us", p.ErrorUs));
        }

        var bound = r.Options.MaxStartErrorMs * 1000;
        if (p.ErrorUs is { } e && Math.Abs(e) > bound)
        {
            problems.Add(ClauseText.M("conf2.r.start-error-over", ClauseText.N(e / 1000.0, "0.###"), ClauseText.N(r.Options.MaxStartErrorMs, "0.#")));
        }

        var f = finished is null ? null : Playback.Of(finished);
        var counted = s.Frames - (skipped ?? 0);
        if (f is null)
        {
            problems.Add(ClauseText.M("conf2.r.no-finished"));
        }
        else if (f.Reason != "end" || f.Slots != counted || f.Late < skipped)
        {
            // Every slot from the first played frame on is played, fec or concealed (a stall after
            // the start conceals the slots it missed); the frames skipped before it are late only.
            problems.Add(ClauseText.M("conf2.r.finished-not-end", f.Counts, counted));
        }

        var figures = new Dictionary<string, double> { ["skipped_frames"] = skipped ?? 0 };
        if (p.ErrorUs is { } measured)
        {
            figures["start_error_us"] = measured;
        }

        if (f?.Late is { } late)
        {
            figures["late"] = late;
        }

        var ok = ClauseText.M("conf2.r.play-ok", ClauseText.N((p.ErrorUs ?? 0) / 1000.0, "0.###"), ClauseText.N(r.Options.MaxStartErrorMs, "0.#"), f?.Counts);
        r.Add(problems.Count == 0
            ? ClauseResult.Ok(clause, name, skipped > 0 ? ClauseText.All([ok, ClauseText.M("conf2.r.skipped", skipped)]) : ok, figures)
            : ClauseResult.Failed(clause, name, ClauseText.All(problems), figures));
    }

    /// <summary>
    /// How many frames a node skipped before the first it played (§8.2.5 step 6): <c>intended_us</c>
    /// is that frame's play-out time, so it lies on the stream's frame grid at or after its start.
    /// Null when it does not (a node that reports some other time).
    /// </summary>
    private static long? SkippedFrames(Playback started, TestStream s) =>
        started.IntendedUs is { } intended && intended >= s.StartMicros && (intended - s.StartMicros) % TestStream.FrameMicros == 0
            && (intended - s.StartMicros) / TestStream.FrameMicros < s.Frames
            ? (intended - s.StartMicros) / TestStream.FrameMicros
            : null;

    /// <summary>Three seconds of frames, then <c>stop</c> once started: finished <c>stop</c> long before the stream's end.</summary>
    public static async Task StopAsync(RunContext r, CancellationToken ct)
    {
        const string clause = "§4.8", name = "conf2.name.stop";
        var s = new TestStream(r, frames: 150, Lead);
        var from = await SendAsync(r, s, ct);
        if (await r.WaitEventAsync(from, s.Id, [Started], Lead + r.Options.PlaybackSlack, ct) is null)
        {
            r.Add(ClauseResult.Failed(clause, name, ClauseText.M("conf2.r.stop-not-started")));
            return;
        }

        var stopAt = r.Now;
        await s.SendStopAsync(r, ct);
        var finished = await r.WaitEventAsync(from, s.Id, [Finished], UntilEnd(r, s), ct);
        var f = finished is null ? null : Playback.Of(finished);
        var took = (r.Now - stopAt).TotalMilliseconds;
        r.Add(f switch
        {
            null => ClauseResult.Failed(clause, name, ClauseText.M("conf2.r.no-finished-stop")),
            { Reason: "stop" } when f.Played < s.Frames => ClauseResult.Ok(clause, name, ClauseText.M("conf2.r.stop-ok", ClauseText.N(took), f!.Counts), new Dictionary<string, double> { ["stop_to_finished_ms"] = took }),
            _ => ClauseResult.Failed(clause, name, ClauseText.M("conf2.r.stop-wrong", f!.Counts)),
        });
    }

    /// <summary>
    /// A normal stream, then an emergency one on the same zone: the normal one ends with reason
    /// <c>preempted</c> or <c>stop</c> (both conformant, issue #15 decision 2) and the emergency plays.
    /// </summary>
    public static async Task PreemptionAsync(RunContext r, CancellationToken ct)
    {
        const string clause = "§4.8", name = "conf2.name.preempt";
        var low = new TestStream(r, frames: 150, Lead);
        var from = await SendAsync(r, low, ct);
        if (await r.WaitEventAsync(from, low.Id, [Started], Lead + r.Options.PlaybackSlack, ct) is null)
        {
            r.Add(ClauseResult.Failed(clause, name, ClauseText.M("conf2.r.preempt-not-started")));
            return;
        }

        var high = new TestStream(r, frames: 25, TimeSpan.FromMilliseconds(300), @class: "emergency");
        await high.SendPlayAsync(r, ct);
        await high.SendAllAsync(r, ct);
        var cut = await r.WaitEventAsync(from, low.Id, [Finished], UntilEnd(r, low), ct);
        var highStarted = await r.WaitEventAsync(from, high.Id, [Started], UntilEnd(r, high), ct);
        var highFinished = await r.WaitEventAsync(from, high.Id, [Finished], UntilEnd(r, high), ct);
        var c = cut is null ? null : Playback.Of(cut);
        r.Add((c, highStarted, highFinished) switch
        {
            (null, _, _) => ClauseResult.Failed(clause, name, ClauseText.M("conf2.r.preempt-no-finished")),
            ({ Reason: not ("preempted" or "stop") }, _, _) => ClauseResult.Failed(clause, name, ClauseText.M("conf2.r.preempt-wrong", c!.Counts)),
            ({ Played: >= 150 }, _, _) => ClauseResult.Failed(clause, name, ClauseText.M("conf2.r.preempt-played")),
            (_, null, _) => ClauseResult.Failed(clause, name, ClauseText.M("conf2.r.high-not-started")),
            (_, _, null) => ClauseResult.Failed(clause, name, ClauseText.M("conf2.r.high-no-finished")),
            _ => ClauseResult.Ok(clause, name, ClauseText.M("conf2.r.preempt-ok", c!.Reason, c.Counts, Playback.Of(highFinished!).Reason)),
        });
    }

    /// <summary>A play order in a codec the speaker did not list: it must not play, and says so with <c>playback.refused</c> reason <c>codec</c>.</summary>
    public static async Task UnsupportedCodecAsync(RunContext r, CancellationToken ct)
    {
        const string clause = "§4.8", name = "conf2.name.codec";
        var s = new TestStream(r, frames: 25, Lead, codec: "x-conformance");
        var from = await SendAsync(r, s, ct);
        var first = await r.WaitEventAsync(from, s.Id, [Refused, Started], UntilEnd(r, s), ct);
        r.Add(first switch
        {
            { Type: Refused } when Playback.Of(first).Reason == "codec" => ClauseResult.Ok(clause, name, ClauseText.M("conf2.r.codec-ok")),
            { Type: Refused } => ClauseResult.Failed(clause, name, ClauseText.M("conf2.r.codec-reason", Playback.Of(first!).Reason ?? "-")),
            { Type: Started } => ClauseResult.Failed(clause, name, ClauseText.M("conf2.r.codec-played", s.Codec)),
            _ => ClauseResult.Failed(clause, name, ClauseText.M("conf2.r.codec-silent")),
        });
    }

    /// <summary>
    /// Ten messages of five frames: message 1 sent twice (a duplicate, dropped by §8.1.3 rule 7),
    /// message 2 held back until its frames' play-out time has passed (late: dropped and counted),
    /// messages 3–4 never sent (a gap: concealed). What the drop rule decides, whatever the node's
    /// own timing: the duplicate and the late frames are never played (at most the 35 frames of
    /// messages 0, 1 and 5–9 play), the late ones are counted (late ≥ 5), and every slot from the
    /// first played frame to the last is counted as played, concealed or fec. A node that stalls may
    /// skip its first slots (§8.2.5 step 6), drop more frames as late, and — when the stream's end
    /// reaches it late — conceal slots past the end it did not know yet; those are figures, not faults.
    /// </summary>
    public static async Task DuplicateAndLateAsync(RunContext r, CancellationToken ct)
    {
        const string clause = "§8.1.3", name = "conf2.name.late";
        var s = new TestStream(r, frames: 50, Lead);
        var from = r.Inbox.Mark;
        await s.SendPlayAsync(r, ct);
        await s.SendAsync(r, 0, ct);
        await s.SendAsync(r, 1, ct);
        await s.SendAsync(r, 1, ct);

        // Message 2 plays from slot 10 to 15; send it 20 ms after its last frame's slot.
        await r.DelayAsync(s.PlayoutOf(3) + TimeSpan.FromMilliseconds(20) - r.Now, ct);
        await s.SendAsync(r, 2, ct);
        for (var i = 5; i < s.Messages; i++)
        {
            await s.SendAsync(r, i, ct);
        }

        var finished = await r.WaitEventAsync(from, s.Id, [Finished], UntilEnd(r, s), ct);
        var started = await r.WaitEventAsync(from, s.Id, [Started], TimeSpan.Zero, ct);
        var f = finished is null ? null : Playback.Of(finished);
        var skipped = started is null ? 0 : SkippedFrames(Playback.Of(started), s);
        var counted = s.Frames - (skipped ?? 0);
        r.Add(f switch
        {
            null => ClauseResult.Failed(clause, name, ClauseText.M("conf2.r.no-finished")),
            { Played: > 35 } => ClauseResult.Failed(clause, name, ClauseText.M("conf2.r.late-played", f.Counts)),
            { Late: >= 5 } when skipped is not null && f.Slots >= counted => ClauseResult.Ok(clause, name, ClauseText.M("conf2.r.late-ok", f.Counts), new Dictionary<string, double>
            {
                ["late"] = f.Late!.Value, ["played"] = f.Played!.Value, ["skipped_frames"] = skipped.Value, ["slots_past_end"] = f.Slots!.Value - counted,
            }),
            _ => ClauseResult.Failed(clause, name, ClauseText.M("conf2.r.late-wrong", f!.Counts)),
        });
    }

    /// <summary>Marks the inbox, then sends the stream's play order and all its frames; events after the mark are the clause's.</summary>
    private static async Task<int> SendAsync(RunContext r, TestStream s, CancellationToken ct)
    {
        var from = r.Inbox.Mark;
        await s.SendPlayAsync(r, ct);
        await s.SendAllAsync(r, ct);
        return from;
    }

    /// <summary>How long an event of the stream may still take: until its last frame plays, plus the slack.</summary>
    private static TimeSpan UntilEnd(RunContext r, TestStream s) => s.EndsAt - r.Now + r.Options.PlaybackSlack;
}
