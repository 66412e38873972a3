namespace TanKy.Hub.Schedules.Model;

/// <summary>
/// A complete, validated programme: what the scheduler runs and the agenda shows. Immutable, so
/// a reload swaps one reference. <see cref="Durations"/> comes from the media library at load time;
/// <see cref="KnownZones"/> is what <c>zones: all</c> means.
/// </summary>
public sealed record ProgrammeSet(
    IReadOnlyList<Programme> Programmes,
    IReadOnlyDictionary<string, HolidayCalendar> Calendars,
    IReadOnlyList<DeviceActionDefinition> Actions,
    IReadOnlyDictionary<string, TimeSpan> Durations,
    IReadOnlyList<string> KnownZones,
    string Fingerprint)
{
    /// <summary>The recordings (<c>recordings:</c>) whose names programmes may play.</summary>
    public IReadOnlyList<RecordingDefinition> Recordings { get; init; } = [];

    public static ProgrammeSet Empty { get; } = new([], new Dictionary<string, HolidayCalendar>(), [], new Dictionary<string, TimeSpan>(), [], "");

    public IReadOnlyList<string> ZonesOf(Programme p) => p.AllZones ? KnownZones : p.Zones;

    public RecordingDefinition? RecordingNamed(string name) => Recordings.FirstOrDefault(r => r.Name == name);

    public TimeSpan DurationOf(Programme p) => Durations.TryGetValue(p.Id, out var d) ? d : TimeSpan.Zero;
}
