using TanKy.Hub.Shared.Text;

namespace TanKy.Hub.Conformance;

/// <summary>A run that cannot start (unknown, offline or busy device…): HTTP status and the reason as a text key with arguments.</summary>
public sealed class ConformanceRefusedException(int status, TextMessage text) : Exception(text.ToString()), ILocalizedError
{
    public ConformanceRefusedException(int status, string key, params object?[] args)
        : this(status, new TextMessage(key, args))
    {
    }

    public int Status { get; } = status;

    /// <summary>Why, in the reader's language (API problem, CLI line).</summary>
    public TextMessage Text { get; } = text;
}
