using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using TanKy.Hub.Devices.Control.Snapshots;
using TanKy.Hub.Accounts.Http;

using TanKy.Hub.Shared.Web;

namespace TanKy.Hub.Devices.Control.Http;

/// <summary>
/// Snapshots: the camera uploads with HTTP Basic (device id and secret, not a user token), so
/// the upload route skips bearer authentication and <see cref="SnapshotStore"/> checks the device.
/// Users read snapshots with their token, zone-scoped.
/// </summary>
internal static class SnapshotEndpoints
{
    public static void MapSnapshotEndpoints(this RouteGroupBuilder api)
    {
        api.MapPut("/devices/{id}/snapshots/{commandId}", async (string id, string commandId, HttpContext http, SnapshotStore store, CancellationToken ct) =>
        {
            // The global body limit (1 MiB) is for JSON; snapshots have their own, checked while reading.
            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            {
                limit.MaxRequestBodySize = store.MaxBytes + 1;
            }

            try
            {
                var record = await store.AcceptAsync(id, commandId, http.Request.Headers.Authorization, http.Request.ContentType, http.Request.ContentLength, http.Request.Body, ct);
                return Results.Created($"/api/v1/devices/{id}/snapshots/{commandId}", record);
            }
            catch (SnapshotRefusedException refusal)
            {
                if (refusal.StatusCode == 401)
                {
                    http.Response.Headers.WWWAuthenticate = "Basic realm=\"tanky-devices\"";
                }

                return ApiProblems.Described(refusal.StatusCode, refusal.TitleKey, refusal.Message);
            }
            catch (BadHttpRequestException ex) when (ex.StatusCode == 413)
            {
                return ApiProblems.Result(413, "api.device.image-too-large", "api.device.image-limit", store.MaxBytes);
            }
        }).AllowAnonymous().DisableAntiforgery().WithMetadata(OwnBodyLimit.Instance).WithName("UploadSnapshot").WithSummary("Camera upload (HTTP Basic: device id and secret) answering a pending snapshot command");

        api.MapGet("/devices/{id}/snapshots", (string id, ClaimsPrincipal principal, DeviceRegistry registry, SnapshotStore store) =>
        {
            var (_, problem) = ControlProblems.Reach(principal, registry, id);
            return problem ?? Results.Ok(store.List(id));
        }).RequireAuthorization(Policies.Read).WithName("ListSnapshots").WithSummary("The camera's stored snapshots");

        api.MapGet("/devices/{id}/snapshots/{commandId}", (string id, string commandId, ClaimsPrincipal principal, DeviceRegistry registry, SnapshotStore store) =>
        {
            var (_, problem) = ControlProblems.Reach(principal, registry, id);
            if (problem is not null)
            {
                return problem;
            }

            var record = store.Get(commandId);
            return record is null || record.DeviceId != id
                ? ControlProblems.NotFound("api.device.no-snapshot", commandId, id)
                : Results.File(store.FilePath(record), record.ContentType);
        }).RequireAuthorization(Policies.Read).WithName("GetSnapshot").WithSummary("One snapshot image");
    }
}
