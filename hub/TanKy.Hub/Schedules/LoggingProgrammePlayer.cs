using Microsoft.Extensions.Logging;

namespace TanKy.Hub.Schedules;

/// <summary>Stand-in until the broadcasts feature registers its player: logs each airing instead of streaming it.</summary>
internal sealed class LoggingProgrammePlayer(ILogger<LoggingProgrammePlayer> log) : IProgrammePlayer
{
    public Task<string> StartAsync(ScheduledAiring airing, CancellationToken cancellationToken)
    {
        log.LogWarning("No programme player is registered: airing {AiringId} ({Programme}) for zones {Zones} is only logged", airing.AiringId, airing.ProgrammeId, string.Join(",", airing.Zones));
        return Task.FromResult(airing.AiringId);
    }
}
