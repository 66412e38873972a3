using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TanKy.Hub.Broadcasts;
using TanKy.Hub.Broker;
using TanKy.Hub.Conformance.Clauses;
using TanKy.Hub.Conformance.Tap;
using TanKy.Hub.Devices;
using TanKy.Hub.Shared;
using TanKy.Protocol;

namespace TanKy.Hub.Conformance.Run;

/// <summary>
/// Runs the kit against one live device: checks it may run (registered, online, not a gateway, a
/// speaker not mid-broadcast, no other run on it), records who ran it, then runs every clause of
/// the device's kind in order and returns the report. A clause that throws fails with the reason;
/// the next clause still runs.
/// </summary>
internal sealed class ConformanceRunner(
    DeviceRegistry registry,
    IDevicePresence presence,
    IBroadcastService broadcasts,
    DeviceTap tap,
    IHubMqtt mqtt,
    IOptions<HubOptions> hub,
    IOptions<ConformanceOptions> options,
    DesiredClauses desired,
    KindCommandClause kindOps,
    CacheClause cache,
    ConformanceAudit audit,
    EpochSource epochs,
    TimeProvider time,
    ILogger<ConformanceRunner> log)
{
    private delegate Task Clause(RunContext r, CancellationToken ct);

    public async Task<ConformanceReport> RunAsync(string deviceId, string? zone, string by, CancellationToken ct)
    {
        var device = registry.Get(deviceId) ?? throw new ConformanceRefusedException(404, "conformance.refused.no-device", deviceId);
        var testZone = CheckRunnable(device, zone);
        var inbox = tap.Watch(deviceId, time)
            ?? throw new ConformanceRefusedException(409, "conformance.refused.running", deviceId);
        try
        {
            var started = time.GetUtcNow();
            var run = audit.Start(deviceId, testZone, by, started);
            log.LogInformation("Conformance run {Run} on {DeviceId} ({Kind}) started by {User}", run, deviceId, device.Kind.ToWire(), by);
            var r = new RunContext(device, testZone, by, inbox, mqtt, new Topics(hub.Value.Site), options.Value, epochs, time);
            foreach (var (section, name, clause) in Clauses(device))
            {
                try
                {
                    await clause(r, ct);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    log.LogWarning(ex, "Conformance clause {Clause} on {DeviceId} threw", section, deviceId);
                    r.Add(ClauseResult.Failed(section, name, ClauseText.M("conf2.r.threw", ex.Message)));
                }
            }

            var report = new ConformanceReport(run, deviceId, device.Kind.ToWire(), testZone, ConformanceReport.ProtocolDraft, by, started, time.GetUtcNow(), r.Results);
            audit.Finish(report);
            log.LogInformation("Conformance run {Run} on {DeviceId}: {Passed} passed, {Failed} failed", run, deviceId, report.PassedCount, report.FailedCount);
            return report;
        }
        finally
        {
            tap.Unwatch(deviceId);
        }
    }

    /// <summary>The zone a speaker is tested on; throws <see cref="ConformanceRefusedException"/> when the device cannot be tested now.</summary>
    private string? CheckRunnable(DeviceRecord device, string? zone)
    {
        if (device.Kind == DeviceKind.Gateway)
        {
            throw new ConformanceRefusedException(400, "conformance.refused.gateway");
        }

        if (!presence.IsOnline(device.Id))
        {
            throw new ConformanceRefusedException(409, "conformance.refused.offline", device.Id);
        }

        if (device.Kind != DeviceKind.Speaker)
        {
            return zone is null ? null : throw new ConformanceRefusedException(400, "conformance.refused.zone-speakers");
        }

        var testZone = zone ?? (device.Zones.Count > 0 ? device.Zones[0] : null)
            ?? throw new ConformanceRefusedException(400, "conformance.refused.no-zone", device.Id);
        if (!device.Zones.Contains(testZone, StringComparer.Ordinal))
        {
            throw new ConformanceRefusedException(400, "conformance.refused.not-its-zone", testZone, string.Join(", ", device.Zones));
        }

        foreach (var z in device.Zones)
        {
            if (broadcasts.InspectZone(z).Playing is { } playing)
            {
                throw new ConformanceRefusedException(409, "conformance.refused.playing", device.Id, playing, z);
            }
        }

        return testZone;
    }

    private IEnumerable<(string Section, string Name, Clause Run)> Clauses(DeviceRecord device)
    {
        yield return ("§4.5", "conf2.name.ping", CommandClauses.PingAndClockAsync);
        yield return ("§4.5", "conf2.name.unknown-op", CommandClauses.UnknownOpAsync);
        yield return ("§4.5", "conf2.name.expired", CommandClauses.ExpiredAsync);
        yield return ("§4.9", "conf2.name.kind-op-any", kindOps.RunAsync);
        yield return ("§4.4", "conf2.name.desired-echo", desired.EchoAsync);
        yield return ("§4.4", "conf2.name.desired-unknown", desired.UnknownKeyAsync);
        if (device.Kind == DeviceKind.Speaker)
        {
            yield return ("§4.6", "conf2.name.play", SpeakerClauses.PlayAsync);
            yield return ("§4.8", "conf2.name.stop", SpeakerClauses.StopAsync);
            yield return ("§4.8", "conf2.name.preempt", SpeakerClauses.PreemptionAsync);
            yield return ("§4.8", "conf2.name.codec", SpeakerClauses.UnsupportedCodecAsync);
            yield return ("§8.1.3", "conf2.name.late", SpeakerClauses.DuplicateAndLateAsync);
            yield return ("§4.11", "conf2.name.precache", cache.RunAsync);
        }

        // Last: the reboot also clears what the clauses above left in the node's memory.
        yield return ("§4.2", "conf2.name.reboot", (r, ct) => LifecycleClauses.RunAsync(r, device.BootId, ct));
    }
}
