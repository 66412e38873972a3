using TanKy.Hub.Shared.Text;

namespace TanKy.Hub.Accounts;

/// <summary>
/// An account request that cannot be carried out. <see cref="Text"/> is the message for the user,
/// shown in their language (console, CLI); <c>Message</c> is its English text, for logs.
/// </summary>
public sealed class AccountException(TextMessage text) : InvalidOperationException(text.ToString()), ILocalizedError
{
    public AccountException(string key, params object?[] args)
        : this(new TextMessage(key, args))
    {
    }

    public TextMessage Text { get; } = text;
}
