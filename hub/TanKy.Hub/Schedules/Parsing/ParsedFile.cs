using TanKy.Hub.Schedules.Model;

namespace TanKy.Hub.Schedules.Parsing;

/// <summary>What one file declared, before cross-file checks.</summary>
internal sealed record ParsedFile(List<Programme> Programmes, List<HolidayCalendar> Calendars, List<DeviceActionDefinition> Actions);
