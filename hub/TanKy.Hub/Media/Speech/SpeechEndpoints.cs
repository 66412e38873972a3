using TanKy.Hub.Shared.Text;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

using TanKy.Hub.Shared.Web;

namespace TanKy.Hub.Media.Speech;

/// <summary>
/// <c>POST /api/v1/media/speech {text, title?}</c>: text → speech → a library clip (201 with the clip),
/// so any class of broadcast can play typed text. Same roles as an upload; the text's problems
/// come back as a 400 with every reason.
/// </summary>
public static class SpeechEndpoints
{
    public static void MapSpeechEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/media/speech", CreateAsync)
            .RequireAuthorization(p => p.RequireRole("admin", "officer", "hamlet-head"))
            .WithName("SpeakText").WithSummary("Synthesise Vietnamese text into a new clip (espeak-ng), normalised and encoded like an upload");
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, ClaimsPrincipal principal, IServiceProvider services, CancellationToken ct)
    {
        if (services.GetService<SpeechMedia>() is not { } speech)
        {
            return ApiProblems.Result(404, "api.speech.not-configured");
        }

        SpeechBody? body;
        try
        {
            body = await request.ReadFromJsonAsync<SpeechBody>(ct);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or BadHttpRequestException)
        {
            return ApiProblems.Result(400, "api.speech.refused", "api.speech.bad-json");
        }

        if (string.IsNullOrWhiteSpace(body?.Text))
        {
            return ApiProblems.Result(400, "api.speech.refused", "api.speech.empty");
        }

        try
        {
            var spoken = await speech.CreateAsync(body.Text, string.IsNullOrWhiteSpace(body.Title) ? body.Text : body.Title, principal.Identity?.Name ?? "unknown", ImportLane.Normal, ct);
            var dto = MediaDto.From(spoken.Item);
            return Results.Created($"/api/v1/media/{dto.Id}", dto);
        }
        catch (SpeechException ex)
        {
            return Invalid(ex, HubText.LanguageOf(request.HttpContext));
        }
    }

    // The text's problems (stored text messages) in the request's language; an engine failure
    // (no problems) is its keyed reason, the engine's own output kept as a detail.
    private static IResult Invalid(SpeechException ex, string language)
    {
        if (ex.Problems.Count == 0)
        {
            return ApiProblems.Result(400, "api.speech.refused", ex.Text, new Dictionary<string, object?> { ["problems"] = ex.Problems });
        }

        var problems = ex.Problems.Select(p => HubText.Default.Render(p, language)).ToList();
        return ApiProblems.Described(400, "api.speech.refused", string.Join("; ", problems), new Dictionary<string, object?> { ["problems"] = problems });
    }

    private sealed record SpeechBody(string? Text, string? Title);
}
