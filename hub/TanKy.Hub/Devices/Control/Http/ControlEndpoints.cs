using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace TanKy.Hub.Devices.Control.Http;

/// <summary>Every device-control route under <c>/api/v1</c>; each route names its own policy.</summary>
public static class ControlEndpoints
{
    public static IEndpointRouteBuilder MapDeviceControlEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1");
        api.MapStateEndpoints();
        api.MapCommandEndpoints();
        api.MapBulkEndpoints();
        api.MapSnapshotEndpoints();
        api.MapSnapshotScheduleEndpoints();
        return app;
    }
}
