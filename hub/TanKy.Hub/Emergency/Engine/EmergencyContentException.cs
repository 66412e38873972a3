using TanKy.Hub.Shared.Text;

namespace TanKy.Hub.Emergency.Engine;

/// <summary>The content of an emergency request could not be prepared (upload refused, text refused by speech).</summary>
internal sealed class EmergencyContentException(TextMessage text, Exception? inner = null) : Exception(text.ToString(), inner), ILocalizedError
{
    public TextMessage Text { get; } = text;
}
