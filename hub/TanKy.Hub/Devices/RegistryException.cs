using TanKy.Hub.Shared.Text;

namespace TanKy.Hub.Devices;

/// <summary>
/// A registry request that cannot be carried out. <see cref="Text"/> is the message for the user
/// in their language; <c>Message</c> is English (logs). Messages not yet given a key keep their
/// words (<see cref="TextMessage.Decode"/> finds no key in them and shows them as written).
/// </summary>
public sealed class RegistryException : InvalidOperationException, ILocalizedError
{
    public RegistryException(string message)
        : base(message) => Text = new TextMessage("text.as-written", message);

    public RegistryException(TextMessage text)
        : base(text.ToString()) => Text = text;

    public RegistryException(string key, params object?[] args)
        : this(new TextMessage(key, args))
    {
    }

    public TextMessage Text { get; }
}
