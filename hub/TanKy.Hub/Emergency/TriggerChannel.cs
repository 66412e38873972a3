using System.Text.Json.Serialization;

namespace TanKy.Hub.Emergency;

/// <summary>
/// Where an emergency (or priority) action came from. The wire name is what
/// <c>emergency_audit.channel</c> stores and what <c>GET /api/v1/emergency/audit</c> returns;
/// rows written before the CLI and the console had names of their own say <c>api</c>.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<TriggerChannel>))]
public enum TriggerChannel
{
    /// <summary>A client of the HTTP API with a token (phone app, script).</summary>
    [JsonStringEnumMemberName("api")]
    Api,

    /// <summary>The push-button wired to the gateway.</summary>
    [JsonStringEnumMemberName("button")]
    Button,

    /// <summary>A CAP 1.2 alert (POSTed or dropped into the watched folder).</summary>
    [JsonStringEnumMemberName("cap")]
    Cap,

    /// <summary><c>tanky-hub broadcast …</c> (the CLI marks its requests, see <c>HubApiClient.ClientHeader</c>).</summary>
    [JsonStringEnumMemberName("cli")]
    Cli,

    /// <summary>The web console (a signed-in console session, not a token).</summary>
    [JsonStringEnumMemberName("console")]
    Console,
}
