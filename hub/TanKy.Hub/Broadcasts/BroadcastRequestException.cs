namespace TanKy.Hub.Broadcasts;

/// <summary>A play request that cannot be accepted; <see cref="Exception.Message"/> is the reason, in English, for the API and the log.</summary>
public sealed class BroadcastRequestException(string message) : Exception(message)
{
}
