using Microsoft.AspNetCore.Routing;
using TanKy.Hub.Schedules.Precache;

namespace TanKy.Hub.Schedules;

/// <summary>Every HTTP endpoint of the programme, mapped in one line from the web registration.</summary>
public static class ScheduleEndpoints
{
    public static void MapScheduleEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapAgendaEndpoints();
        app.MapPrecacheEndpoints();
    }
}
