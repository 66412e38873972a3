using System.Text.Json.Nodes;
using MQTTnet.Protocol;
using TanKy.DeviceSim.Cache;
using TanKy.Protocol;
using TanKy.Protocol.Messages;

namespace TanKy.DeviceSim.Node;

/// <summary>
/// Desired → reported: applies newer desired versions only (kept across reconnects and reboots,
/// like flash), publishes the reported state, and publishes it again after a reconnect if the
/// last one never made it out.
/// </summary>
internal sealed class NodeDesiredState
{
    private readonly NodeContext _node;
    private readonly NodeLink _link;
    private readonly NodeCache? _cache;
    private readonly NodeZones _zones;
    private readonly Lock _gate = new();
    private JsonObject _appliedState = [];
    private long? _appliedVersion;
    private IReadOnlyDictionary<string, string>? _appliedErrors;
    private long? _reportedVersion;

    /// <param name="cache">A speaker's programme cache: it follows the desired key <c>cache</c> and reports per clip.</param>
    /// <param name="zones">A speaker's zones: they follow the desired key <c>zones</c> (protocol.md §2.3).</param>
    public NodeDesiredState(NodeContext node, NodeLink link, NodeCache? cache, NodeZones zones)
    {
        (_node, _link, _cache, _zones) = (node, link, cache, zones);
    }

    public long? AppliedVersion
    {
        get
        {
            lock (_gate)
            {
                return _appliedVersion;
            }
        }
    }

    /// <summary>A copy of the state applied last.</summary>
    public JsonObject AppliedState
    {
        get
        {
            lock (_gate)
            {
                return (JsonObject)_appliedState.DeepClone();
            }
        }
    }

    public long? ReportedVersion
    {
        get
        {
            lock (_gate)
            {
                return _reportedVersion;
            }
        }
    }

    public async Task ApplyAsync(DesiredStateMessage desired, CancellationToken ct)
    {
        if (_node.Options.Faults.ConformanceFault == ConformanceFault.IgnoresDesired)
        {
            _node.Raise(NodeActivityKind.DesiredIgnored, version: desired.Version, detail: "conformance fault: ignores desired");
            return;
        }

        long? ignoredBecause = null;
        lock (_gate)
        {
            if (_appliedVersion is { } current && desired.Version <= current)
            {
                ignoredBecause = current;
            }
            else
            {
                _appliedVersion = desired.Version;
                _appliedState = Kinds.KindFirmware.Apply(_node.Options.Kind, desired.State, out _appliedErrors);
            }
        }

        if (ignoredBecause is { } applied)
        {
            // Duplicates (retained redelivery after reconnect) and older versions change nothing.
            _node.Raise(NodeActivityKind.DesiredIgnored, version: desired.Version, detail: $"version {desired.Version} ≤ applied {applied}");
            return;
        }

        _cache?.OnDesired(desired.State["cache"]);
        await _zones.ApplyAsync(AppliedState, ct);
        await PublishReportedAsync(ct);
    }

    /// <summary>After a reconnect, publish reported again if the last one never made it out.</summary>
    public Task RepublishIfNeededAsync(CancellationToken ct)
    {
        lock (_gate)
        {
            if (_appliedVersion is null || _appliedVersion == _reportedVersion)
            {
                return Task.CompletedTask;
            }
        }

        return PublishReportedAsync(ct);
    }

    /// <summary>A clip's cache state changed: reported follows.</summary>
    public void OnCacheChanged()
    {
        try
        {
            _ = PublishReportedAsync(_node.Lifetime.Token);
        }
        catch (ObjectDisposedException)
        {
            // The node is gone: nothing to report to.
        }
    }

    private async Task PublishReportedAsync(CancellationToken ct)
    {
        if (!_node.BirthSent)
        {
            // Applied, reported after the birth by RepublishIfNeededAsync (protocol.md §2.3).
            return;
        }

        long version;
        JsonObject state;
        IReadOnlyDictionary<string, string>? errors;
        lock (_gate)
        {
            version = _appliedVersion ?? 0;
            if (_node.Options.Faults.ConformanceFault == ConformanceFault.WrongVersionEcho && version > 0)
            {
                version--;
            }
            state = (JsonObject)_appliedState.DeepClone();
            errors = _appliedErrors;
        }

        if (_cache is { } cache && state.ContainsKey("cache"))
        {
            // Reported is the cache's state per clip, not the order echoed (protocol.md §4.11 rule 2).
            state["cache"] = cache.Report();
        }

        var reported = new ReportedStateMessage { V = ProtocolConstants.Version, Version = version, Ts = _node.NowMs(), State = state, Errors = errors };
        if (await _link.PublishAsync(_node.Topics.Reported(_node.DeviceId), ProtocolJson.Serialize(reported), MqttQualityOfServiceLevel.AtLeastOnce, retain: true, ct))
        {
            lock (_gate)
            {
                _reportedVersion = version;
            }

            _node.Raise(NodeActivityKind.DesiredApplied, version: version);
        }
    }
}
