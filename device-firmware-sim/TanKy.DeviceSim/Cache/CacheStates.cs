namespace TanKy.DeviceSim.Cache;

/// <summary>Wire values of <c>reported.state.cache</c> (protocol.md §4.11).</summary>
internal static class CacheStates
{
    public const string Downloading = "downloading";
    public const string Ready = "ready";
    public const string Failed = "failed";
}
