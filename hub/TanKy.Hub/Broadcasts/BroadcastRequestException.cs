using TanKy.Hub.Shared.Text;

namespace TanKy.Hub.Broadcasts;

/// <summary>
/// A play request that cannot be accepted. <see cref="Text"/> is the reason as a text key, shown in
/// the reader's language (API problem, CLI); <see cref="Exception.Message"/> is its English, for the log.
/// </summary>
public sealed class BroadcastRequestException(TextMessage text) : Exception(text.ToString()), ILocalizedError
{
    public BroadcastRequestException(string key, params object?[] args)
        : this(new TextMessage(key, args))
    {
    }

    public TextMessage Text { get; } = text;
}
