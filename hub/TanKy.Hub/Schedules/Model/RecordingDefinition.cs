namespace TanKy.Hub.Schedules.Model;

/// <summary>
/// An entry of <c>recordings:</c>: record <see cref="SourceId"/> at <see cref="At"/> (local time)
/// for <see cref="Duration"/> on <see cref="Days"/>, into the media library under the name
/// <see cref="Name"/> (the file's <c>as</c>), which programmes play like a clip id.
/// </summary>
public sealed record RecordingDefinition(
    string Name,
    string Title,
    string SourceId,
    TimeOnly At,
    TimeSpan Duration,
    IReadOnlySet<DayOfWeek> Days,
    ProgrammeSource Source);
