namespace TanKy.Hub.Emergency;

/// <summary>Where an emergency trigger came from.</summary>
public enum TriggerChannel
{
    /// <summary>A person through the HTTP API or the CLI (phone, web console).</summary>
    Api,

    /// <summary>The push-button wired to the gateway.</summary>
    Button,

    /// <summary>A CAP 1.2 alert (POSTed or dropped into the watched folder).</summary>
    Cap,
}
