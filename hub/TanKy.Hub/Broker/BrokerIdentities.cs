namespace TanKy.Hub.Broker;

/// <summary>
/// The fixed MQTT user names and client ids of the hub and the tools account. Device ids that
/// look like them are refused at the broker: a device registered as <c>tanky-hub-tan-ky</c>
/// could otherwise take over the hub's own session.
/// </summary>
public static class BrokerIdentities
{
    public const string HubUserName = "tanky-hub";

    public const string ToolsUserName = "tools";

    public static string HubClientId(string site) => $"{HubUserName}-{site}";

    /// <summary>True for names the broker keeps for itself (the hub and the tools account).</summary>
    public static bool IsReserved(string name) =>
        name == HubUserName || name.StartsWith(HubUserName + "-", StringComparison.Ordinal)
        || name == ToolsUserName || name.StartsWith(ToolsUserName + "-", StringComparison.Ordinal);

    /// <summary>Tools clients use <c>tools</c> or <c>tools-…</c> as client id, so they can never take over a device's session.</summary>
    public static bool IsToolsClientId(string clientId) =>
        clientId == ToolsUserName || clientId.StartsWith(ToolsUserName + "-", StringComparison.Ordinal);
}
