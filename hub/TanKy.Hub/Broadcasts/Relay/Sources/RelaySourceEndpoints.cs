using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TanKy.Hub.Accounts.Http;
using TanKy.Hub.Shared.Web;

namespace TanKy.Hub.Broadcasts.Relay.Sources;

/// <summary>
/// <c>/api/v1/sources</c>: every signed-in user lists and reads the relay sources (passwords in
/// URLs hidden unless they may manage them); admins and officers add, remove and check them, as
/// they run the programme. URLs are checked by <see cref="RelaySourceRules"/> before anything is stored.
/// </summary>
public static class RelaySourceEndpoints
{
    private static readonly string[] Managers = ["admin", "officer"];

    public static void MapRelaySourceEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/sources").RequireAuthorization(Policies.Read);

        api.MapGet("", (ClaimsPrincipal principal, RelaySourceStore store) =>
            Results.Ok(store.List().Select(s => RelaySourceDto.From(s, MayManage(principal)))))
            .WithName("ListRelaySources").WithSummary("The relay sources, by id");

        api.MapGet("/{id}", (string id, ClaimsPrincipal principal, RelaySourceStore store) =>
            store.Find(id) is { } s ? Results.Ok(RelaySourceDto.From(s, MayManage(principal))) : NotFound(id))
            .WithName("GetRelaySource").WithSummary("One relay source");

        api.MapPost("", (AddRelaySourceBody body, RelaySourceStore store) =>
        {
            try
            {
                var added = store.Add(body.Id, body.Name, body.Urls);
                return Results.Created($"/api/v1/sources/{added.Id}", RelaySourceDto.From(added, full: true));
            }
            catch (RelaySourceException ex)
            {
                var status = ex.Text.Key == "relaysrc.error.exists" ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
                return ApiProblems.Result(status, "relaysrc.api.refused", ex.Text);
            }
        })
            .RequireAuthorization(p => p.RequireRole(Managers))
            .WithName("AddRelaySource").WithSummary("Register a source: {id, name, urls[]} (http, https or icecast URLs, at most 5, first tried first); 409 when the id is taken");

        api.MapDelete("/{id}", (string id, RelaySourceStore store) =>
            store.Remove(id) ? Results.NoContent() : NotFound(id))
            .RequireAuthorization(p => p.RequireRole(Managers))
            .WithName("RemoveRelaySource").WithSummary("Remove a source");

        api.MapPost("/{id}/check", async (string id, int? seconds, RelaySourceStore store, RelaySourceChecker checker, CancellationToken ct) =>
        {
            if (store.Find(id) is not { } source)
            {
                return NotFound(id);
            }

            if (seconds is < 1 or > RelaySourceChecker.MaxSeconds)
            {
                return ApiProblems.Result(400, "relaysrc.api.bad-seconds", null, RelaySourceChecker.MaxSeconds);
            }

            return Results.Ok(await checker.CheckAsync(source, seconds ?? 10, ct));
        })
            .RequireAuthorization(p => p.RequireRole(Managers))
            .WithName("CheckRelaySource").WithSummary("Connect to the source (URLs in order) and listen ?seconds=10: codec, sample rate, bitrate, loudness (LUFS); reachable=false when no URL answers");
    }

    private static bool MayManage(ClaimsPrincipal principal) => Managers.Any(principal.IsInRole);

    private static IResult NotFound(string id) => ApiProblems.Result(404, "relaysrc.api.not-found", null, id);
}
