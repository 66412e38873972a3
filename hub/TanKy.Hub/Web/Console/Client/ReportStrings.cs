namespace TanKy.Hub.Web.Console.Client;

/// <summary>The strings report.js shows in the live delivery report (see Pages/Shared/_DeliveryReport.cshtml).</summary>
internal static class ReportStrings
{
    public static readonly string[] Keys =
    [
        "played=bc.r.played", "finished=bc.r.finished", "pending=bc.r.pending", "offline=bc.r.offline", "failed=bc.r.failed",
        "status.queued=bc.s.queued", "status.playing=bc.s.playing", "status.preempted=bc.s.preempted",
        "status.finished=bc.s.finished", "status.cancelled=bc.s.cancelled", "status.failed=bc.s.failed",
        "outcome.pending=bc.o.pending", "outcome.offline=bc.o.offline", "outcome.started=bc.o.started", "outcome.playing=bc.o.playing",
        "outcome.finished=bc.o.finished", "outcome.stopped=bc.o.stopped", "outcome.failed=bc.o.failed", "outcome.timeout=bc.o.timeout",
        "outcome.preempted=bc.o.preempted",
    ];
}
