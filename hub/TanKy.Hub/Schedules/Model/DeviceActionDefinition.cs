using System.Text.Json.Nodes;

namespace TanKy.Hub.Schedules.Model;

/// <summary>A scheduled device action from the <c>actions:</c> section: set desired keys at recurring times.</summary>
public sealed record DeviceActionDefinition(
    string Id,
    string Title,
    DeviceActionTarget Target,
    JsonObject Set,
    Recurrence Recurrence,
    IReadOnlyList<string> SkipOn,
    TimeSpan ApplyLateWithin,
    ProgrammeSource Source);
