namespace TanKy.Protocol;

/// <summary>Fixed numbers of protocol v1 (hub/docs/protocol.md §1).</summary>
public static class ProtocolConstants
{
    public const int Version = 1;

    /// <summary>First two levels of every topic: <c>tanky/v1/{site}/…</c>.</summary>
    public const string RootPrefix = "tanky/v1";

    /// <summary>Upper bound for any JSON control message. Small nodes have small buffers.</summary>
    public const int MaxJsonPayloadBytes = 4096;

    /// <summary>Upper bound for one binary audio message on <c>stream/{id}</c>.</summary>
    public const int MaxStreamPayloadBytes = 8192;

    /// <summary>Longest identifier (device, zone, site, stream) in characters.</summary>
    public const int MaxIdLength = 48;

    public const string StatusOnline = "online";
    public const string StatusOffline = "offline";
    public const string ReplyOk = "ok";
    public const string ReplyError = "error";
}
