namespace TanKy.Hub.Shared.Text;

/// <summary>An exception whose message for people is a <see cref="TextMessage"/>; its <c>Message</c> stays English for logs.</summary>
public interface ILocalizedError
{
    TextMessage Text { get; }
}
