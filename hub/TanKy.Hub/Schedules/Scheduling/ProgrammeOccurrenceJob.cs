using Quartz;

namespace TanKy.Hub.Schedules.Scheduling;

/// <summary>The Quartz job of one occurrence (programme airing or device action): hands its ticket to the dispatcher.</summary>
internal sealed class ProgrammeOccurrenceJob(OccurrenceDispatcher dispatcher) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var json = context.MergedJobDataMap.GetString(OccurrenceTicket.DataKey);
        if (json is not null)
        {
            await dispatcher.FireAsync(OccurrenceTicket.FromJson(json), cancellationToken);
        }
    }
}
