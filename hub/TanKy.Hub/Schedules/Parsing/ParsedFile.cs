using TanKy.Hub.Schedules.Model;

namespace TanKy.Hub.Schedules.Parsing;

/// <summary>What one file declared, before cross-file checks.</summary>
internal sealed record ParsedFile(List<Programme> Programmes, List<HolidayCalendar> Calendars, List<DeviceActionDefinition> Actions)
{
    /// <summary>
    /// The located references (<c>zone:</c>, <c>media:</c>, <c>calendar:</c>) of programmes and
    /// actions refused for other errors: they are still checked, so one run lists a bad time AND
    /// an unknown hamlet of the same programme instead of the first error only.
    /// </summary>
    public List<IReadOnlyDictionary<string, SourceLocation>> Refused { get; } = [];

    /// <summary>The <c>recordings:</c> entries.</summary>
    public List<RecordingDefinition> Recordings { get; } = [];
}
