using Microsoft.AspNetCore.Http;
using TanKy.Hub.Accounts.Http;
using TanKy.Protocol;

namespace TanKy.Hub.Emergency;

/// <summary>The audit channel of an HTTP request: console session, CLI, or another API client (<see cref="ClientChannel"/>).</summary>
internal static class HttpChannel
{
    public static TriggerChannel Of(HttpContext http) =>
        EnumWire.TryParse<TriggerChannel>(ClientChannel.Of(http), out var c) ? c.Value : TriggerChannel.Api;
}
