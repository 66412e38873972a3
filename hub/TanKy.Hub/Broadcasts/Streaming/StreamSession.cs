using Microsoft.Extensions.Logging;
using TanKy.Hub.Broadcasts.Archive;

namespace TanKy.Hub.Broadcasts.Streaming;

/// <summary>
/// One stream on the air: play orders to its zones at once, frames paced by <see cref="FramePacer"/>,
/// stop orders after the last frame has played, the archive recording alongside. Runs on its own
/// task; whatever fails inside ends only this session and is reported through the callback.
/// Zones leave the session when a higher class preempts it there; when none is left it stops.
/// </summary>
internal sealed class StreamSession
{
    private readonly StreamContext _context;
    private readonly Func<StreamSession, StreamOutcome, Task> _ended;
    private readonly CancellationTokenSource _cut = new();
    private readonly object _gate = new();
    private readonly List<string> _zones;
    private readonly List<Task> _stops = [];
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string _cutReason = string.Empty; // set by Cut, the only way _cut is cancelled

    public StreamSession(StreamContext context, StreamPlan plan, Func<StreamSession, StreamOutcome, Task> ended)
    {
        _context = context;
        Plan = plan;
        _ended = ended;
        _zones = [.. plan.Zones];
    }

    public StreamPlan Plan { get; }

    /// <summary>Completes when the session has ended and reported its outcome (never faults).</summary>
    public Task Completion => _completion.Task;

    public bool PlaysIn(string zone)
    {
        lock (_gate)
        {
            return _zones.Contains(zone);
        }
    }

    public void Start() => _ = Task.Run(RunAsync);

    /// <summary>The zone goes to another broadcast: tell its nodes to stop this stream; stop streaming when no zone is left.</summary>
    public void RemoveZone(string zone, string reason)
    {
        lock (_gate)
        {
            if (!_zones.Remove(zone))
            {
                return;
            }

            _stops.Add(PublishStopAsync([zone], CancellationToken.None));
            if (_zones.Count == 0)
            {
                Cut(reason);
            }
        }
    }

    public void Cut(string reason)
    {
        lock (_gate)
        {
            _cutReason = reason;
        }

        _cut.Cancel();
    }

    private async Task RunAsync()
    {
        IArchiveRecording? recording = null;
        var pacer = new FramePacer(_context, Plan, null);
        StreamOutcome? outcome = null;
        try
        {
            await PublishPlayOrdersAsync();
            recording = await BeginArchiveAsync();
            pacer = new FramePacer(_context, Plan, recording);
            await pacer.RunAsync(_cut.Token);
            await _context.DelayUntilAsync(pacer.PlayoutEndUs + (_context.Options.StopGraceMs * 1000L), _cut.Token);
            outcome = new StreamOutcome(StreamEnd.Completed, pacer.Frames, RemainingZones(), "end");
        }
        catch (OperationCanceledException) when (_cut.IsCancellationRequested)
        {
            outcome = new StreamOutcome(StreamEnd.Cut, pacer.Frames, RemainingZones(), CutReason());
        }
        catch (Exception ex)
        {
            // The exception's words stay in the log: the reason is shown to officers, in their language.
            _context.Logger.LogError(ex, "Stream {StreamId} of broadcast {BroadcastId} failed", Plan.StreamId, Plan.BroadcastId);
            outcome = new StreamOutcome(StreamEnd.Failed, pacer.Frames, RemainingZones(), BroadcastEndReason.StreamFailed);
        }
        finally
        {
            await FinishAsync(recording, outcome ?? new StreamOutcome(StreamEnd.Failed, pacer.Frames, RemainingZones(), BroadcastEndReason.StreamFailed));
        }
    }

    private async Task FinishAsync(IArchiveRecording? recording, StreamOutcome outcome)
    {
        await PublishStopRepeatedAsync(outcome.RemainingZones);
        Task[] stops;
        lock (_gate)
        {
            stops = [.. _stops];
        }

        await Task.WhenAll(stops);
        await EndArchiveAsync(recording, outcome);
        _context.Logger.LogInformation("Stream {StreamId} of broadcast {BroadcastId} ended: {End} ({Reason}), {Frames} frames",
            Plan.StreamId, Plan.BroadcastId, outcome.End, outcome.Reason, outcome.Frames);
        try
        {
            await _ended(this, outcome);
        }
        catch (Exception ex)
        {
            _context.Logger.LogError(ex, "Recording the end of stream {StreamId} failed", Plan.StreamId);
        }
        finally
        {
            _completion.TrySetResult();
        }
    }

    private async Task PublishPlayOrdersAsync()
    {
        var payload = PlayOrders.Play(Plan, _context.Clock.Time.GetUtcNow().ToUnixTimeMilliseconds());
        var sends = Plan.Zones.Select(zone => PublishOrderAsync(zone, payload, _cut.Token)).ToList();
        var sent = await Task.WhenAll(sends);
        if (!sent.Any(ok => ok))
        {
            throw new InvalidOperationException("no play order could be published (MQTT broker unreachable)");
        }
    }

    private async Task PublishStopRepeatedAsync(IReadOnlyList<string> zones)
    {
        for (var i = 0; i < _context.Options.StopRepeat && zones.Count > 0; i++)
        {
            if (i > 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(_context.Options.StopRepeatIntervalMs), _context.Clock.Time);
            }

            await PublishStopAsync(zones, CancellationToken.None);
        }
    }

    private async Task PublishStopAsync(IReadOnlyList<string> zones, CancellationToken ct)
    {
        var payload = PlayOrders.Stop(Plan.StreamId, _context.Clock.Time.GetUtcNow().ToUnixTimeMilliseconds());
        await Task.WhenAll(zones.Select(zone => PublishOrderAsync(zone, payload, ct)));
    }

    private async Task<bool> PublishOrderAsync(string zone, byte[] payload, CancellationToken ct)
    {
        try
        {
            await _context.Mqtt.PublishAsync(_context.Topics.ZonePlay(zone), payload, retain: false, qos: 1, ct);
            return true;
        }
        catch (InvalidOperationException ex)
        {
            _context.Logger.LogWarning("Play order for stream {StreamId} to zone {Zone} not published: {Error}", Plan.StreamId, zone, ex.Message);
            return false;
        }
    }

    private async Task<IArchiveRecording?> BeginArchiveAsync()
    {
        if (Plan.Archive is null)
        {
            return null;
        }

        try
        {
            return await _context.Archive.BeginAsync(Plan.Archive with { PreSkip = Plan.Source.PreSkip }, _cut.Token);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException or ArgumentException)
        {
            _context.Logger.LogError(ex, "Broadcast {BroadcastId} airs unarchived: the recording could not start", Plan.BroadcastId);
            return null;
        }
    }

    private async Task EndArchiveAsync(IArchiveRecording? recording, StreamOutcome outcome)
    {
        if (recording is null)
        {
            return;
        }

        try
        {
            if (outcome.End == StreamEnd.Completed)
            {
                await recording.CompleteAsync(Plan.FromFrame == 0 ? Plan.Source.TotalSamples : null);
            }
            else
            {
                await recording.AbortAsync(outcome.Reason);
            }

            await recording.DisposeAsync();
        }
        catch (Exception ex)
        {
            _context.Logger.LogError(ex, "Archive of broadcast {BroadcastId} could not be finished", Plan.BroadcastId);
        }
    }

    private List<string> RemainingZones()
    {
        lock (_gate)
        {
            return [.. _zones];
        }
    }

    private string CutReason()
    {
        lock (_gate)
        {
            return _cutReason;
        }
    }
}
