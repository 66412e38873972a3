using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TanKy.Hub.Schedules.Model;
using TanKy.Hub.Schedules.Parsing;

namespace TanKy.Hub.Schedules;

/// <summary>
/// The programme the hub runs: the last file set that validated. A reload that finds errors is
/// refused — the errors are logged as file:line:column and the running programme stays — and
/// the next reload after a fix takes over. Consumers follow <see cref="Changed"/>.
/// </summary>
public sealed class ProgrammeStore
{
    private readonly ScheduleOptions _options;
    private readonly IScheduleReferenceSource _refs;
    private readonly ScheduleSnapshotStore _snapshots;
    private readonly TimeProvider _time;
    private readonly ILogger<ProgrammeStore> _log;
    private readonly IDeviceActionValueValidator? _values;
    private readonly Lock _gate = new();
    private volatile ProgrammeSet? _current;

    public ProgrammeStore(IOptions<ScheduleOptions> options, IScheduleReferenceSource refs, ScheduleSnapshotStore snapshots, TimeProvider time, ILogger<ProgrammeStore> log, IEnumerable<IDeviceActionValueValidator> values)
    {
        _options = options.Value;
        _refs = refs;
        _snapshots = snapshots;
        _time = time;
        _log = log;
        _values = values.FirstOrDefault();
    }

    /// <summary>Raised after a different valid programme replaced the current one.</summary>
    public event EventHandler<ProgrammeSet>? Changed;

    /// <summary>The running programme, or null before the first valid load.</summary>
    public ProgrammeSet? Current => _current;

    /// <summary>Errors of the last refused reload (empty after a successful one).</summary>
    public IReadOnlyList<ScheduleError> LastErrors { get; private set; } = [];

    /// <summary>Reads the folder; a refused folder falls back to the last valid files saved in the database.</summary>
    public void LoadAtStart()
    {
        if (Reload().IsValid || _current is not null)
        {
            return;
        }

        if (_snapshots.Load() is { } saved)
        {
            var result = ScheduleLoader.Load(saved, _refs.Read(), _time.GetUtcNow(), _options.OverlapHorizon, _values, _options.FileLimits);
            if (result.Set is not null)
            {
                _log.LogWarning("Running the last valid programme saved in the database ({Count} programmes) until the schedule folder is fixed", result.Set.Programmes.Count);
                Swap(result.Set);
            }
        }
    }

    /// <summary>Reloads the folder; returns the result whether or not it was accepted.</summary>
    public ScheduleLoadResult Reload()
    {
        lock (_gate)
        {
            IReadOnlyList<ScheduleSource> sources;
            try
            {
                sources = ScheduleSource.ReadFolder(_options.FullDirectory, _options.FileLimits);
            }
            catch (DirectoryNotFoundException ex)
            {
                _log.LogWarning("{Reason}; keeping the current programme", ex.Message);
                return new ScheduleLoadResult(null, [new ScheduleError(new SourceLocation(_options.FullDirectory, 1, 1), "sched.err.noFolder", [_options.FullDirectory])]);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                _log.LogError("Cannot read the schedule folder {Directory}: {Reason}; keeping the current programme", _options.FullDirectory, ex.Message);
                return new ScheduleLoadResult(null, [new ScheduleError(new SourceLocation(_options.FullDirectory, 1, 1), "sched.err.readFolder", [ex.Message])]);
            }

            var result = ScheduleLoader.Load(sources, _refs.Read(), _time.GetUtcNow(), _options.OverlapHorizon, _values, _options.FileLimits);
            if (!result.IsValid)
            {
                LastErrors = result.Errors;
                foreach (var error in result.Errors)
                {
                    _log.LogError("Schedule file refused, keeping the current programme: {Error}", error.ToString());
                }

                return result;
            }

            LastErrors = [];
            if (_current?.Fingerprint != result.Set!.Fingerprint)
            {
                _snapshots.Save(sources, result.Set.Fingerprint);
                _log.LogInformation("Loaded the programme from {Directory}: {Programmes} programmes, {Calendars} calendars, {Actions} actions", _options.FullDirectory, result.Set.Programmes.Count, result.Set.Calendars.Count, result.Set.Actions.Count);
                Swap(result.Set);
            }

            return result;
        }
    }

    private void Swap(ProgrammeSet set)
    {
        _current = set;
        Changed?.Invoke(this, set);
    }
}
