using TanKy.Hub.Shared.Text;

namespace TanKy.Hub.Media.Speech;

/// <summary>
/// Speech could not be produced: the text was refused (see <see cref="Problems"/>) or the engine failed.
/// <see cref="Text"/> says why as a text key, shown in the reader's language (API problem, CLI);
/// <see cref="Exception.Message"/> is its English, with the text's problems, for the log.
/// </summary>
public sealed class SpeechException : Exception, ILocalizedError
{
    public SpeechException(TextMessage text, IReadOnlyList<string>? problems = null, Exception? inner = null)
        : base(English(text, problems), inner)
    {
        Text = text;
        Problems = problems ?? [];
    }

    public SpeechException()
        : this(new TextMessage("rules2.speech.failed"))
    {
    }

    // Words from outside the hub (a caller's own reason): kept as the detail of a keyed message.
    public SpeechException(string message)
        : this(new TextMessage("rules2.speech.failed-with", message))
    {
    }

    public SpeechException(string message, Exception inner)
        : this(new TextMessage("rules2.speech.failed-with", message), null, inner)
    {
    }

    public TextMessage Text { get; }

    /// <summary>Why the text was refused (stored text messages; empty when the engine itself failed).</summary>
    public IReadOnlyList<string> Problems { get; }

    private static string English(TextMessage text, IReadOnlyList<string>? problems) =>
        problems is { Count: > 0 } ? $"{text}: {string.Join("; ", problems.Select(p => HubText.Default.Render(p, "en")))}" : text.ToString();
}
