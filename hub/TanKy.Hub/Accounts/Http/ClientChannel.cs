using Microsoft.AspNetCore.Http;
using TanKy.Hub.Shared.Cli;

namespace TanKy.Hub.Accounts.Http;

/// <summary>
/// Which kind of client sent a request, as the audits name it: <c>console</c> for a signed-in
/// console session (a cookie, which a token client cannot present), <c>cli</c> for a token client
/// that marks itself with <see cref="HubApiClient.ClientHeader"/>, else <c>api</c>.
/// </summary>
public static class ClientChannel
{
    public const string Api = "api";
    public const string Cli = "cli";
    public const string Console = "console";

    public static string Of(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.User.Identity is { IsAuthenticated: true } identity && identity.AuthenticationType != BearerTokenHandler.SchemeName)
        {
            return Console;
        }

        return http.Request.Headers[HubApiClient.ClientHeader].ToString() == Cli ? Cli : Api;
    }
}
