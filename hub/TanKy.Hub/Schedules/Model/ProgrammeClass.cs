namespace TanKy.Hub.Schedules.Model;

/// <summary>Bulletin class of a scheduled programme (Circular 39/2020). Emergencies are never scheduled.</summary>
public enum ProgrammeClass
{
    Normal,
    Priority,
}
