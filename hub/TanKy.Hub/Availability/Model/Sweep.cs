namespace TanKy.Hub.Availability.Model;

/// <summary>The running state of <see cref="UptimeCalculator"/>'s sweep over one device.</summary>
internal sealed class Sweep(DeviceFacts device, long fromMs, long toMs, DailySeries? daily)
{
    private readonly DeviceAvailability _result = new(device);
    private long _now = long.MinValue;
    private bool _installed;
    private bool _hubUp;
    private int _maintenance;
    private bool? _reported; // null: no event since installation
    private long _offlineSince;
    private OpenIncident? _incident;

    public void Apply(SweepChange change)
    {
        switch (change)
        {
            case SweepChange.InstallStart: _installed = true; _reported = null; break;
            case SweepChange.InstallEnd: _installed = false; _reported = null; break;
            case SweepChange.HubUp: _hubUp = true; break;
            case SweepChange.HubDown: _hubUp = false; break;
            case SweepChange.MaintenanceStart: _maintenance++; break;
            case SweepChange.MaintenanceEnd: _maintenance--; break;
            case SweepChange.WentOnline: _reported = _installed ? true : null; break;
            case SweepChange.WentOffline:
                if (_installed && _reported != false)
                {
                    _offlineSince = _now;
                }

                _reported = _installed ? false : null;
                break;
        }

        TrackIncident();
    }

    /// <summary>Accounts the stretch from the previous point to <paramref name="ts"/>, clipped to the period.</summary>
    public void AdvanceTo(long ts)
    {
        var start = Math.Max(_now, fromMs);
        var end = Math.Min(ts, toMs);
        if (start < end)
        {
            TrackIncident(start);
            var state = Current();
            _result.Totals.AddTime(state, end - start);
            if (state is AvailabilityState.Online or AvailabilityState.Offline)
            {
                daily?.Add(start, end, state == AvailabilityState.Online);
                if (state == AvailabilityState.Offline && _incident is not null)
                {
                    _incident.CountedMs += end - start;
                }
            }

            _result.InstalledInPeriod |= _installed;
        }

        _now = Math.Max(_now, ts);
    }

    public DeviceAvailability Finish()
    {
        _result.InstalledAtEnd = _installed;
        Close(toMs, ongoing: true);
        return _result;
    }

    private AvailabilityState Current() =>
        !_installed ? AvailabilityState.NotInstalled
        : !_hubUp ? AvailabilityState.Unknown
        : _maintenance > 0 ? AvailabilityState.Maintenance
        : _reported switch { true => AvailabilityState.Online, false => AvailabilityState.Offline, null => AvailabilityState.Unknown };

    /// <summary>Opens or closes the incident when "installed and reported offline" changes; only inside the period.</summary>
    private void TrackIncident(long? at = null)
    {
        var t = at ?? _now;
        if (t < fromMs || t >= toMs)
        {
            return;
        }

        var down = _installed && _reported == false;
        if (down && _incident is null)
        {
            _incident = new OpenIncident(Math.Max(t, fromMs), _offlineSince < fromMs);
        }
        else if (!down && _incident is not null)
        {
            Close(t, ongoing: false);
        }
    }

    private void Close(long end, bool ongoing)
    {
        if (_incident is null)
        {
            return;
        }

        // An outage wholly inside maintenance or hub downtime never counted: it is not an incident.
        if (_incident.CountedMs > 0)
        {
            _result.Incidents.Add(new Incident(device.Id, _incident.Start, end, _incident.CountedMs, _incident.StartedBefore, ongoing));
            _result.Totals.AddIncident(_incident.CountedMs);
        }

        _incident = null;
    }

    private sealed class OpenIncident(long start, bool startedBefore)
    {
        public long Start { get; } = start;

        public bool StartedBefore { get; } = startedBefore;

        public long CountedMs { get; set; }
    }
}
