namespace TanKy.Hub.Media.Speech;

/// <summary>Speech could not be produced: the text was refused (see <see cref="Problems"/>) or the engine failed.</summary>
public sealed class SpeechException : Exception
{
    public SpeechException(string message, IReadOnlyList<string>? problems = null, Exception? inner = null)
        : base(message, inner) => Problems = problems ?? [];

    public SpeechException()
        : this("speech synthesis failed")
    {
    }

    public SpeechException(string message)
        : this(message, null, null)
    {
    }

    public SpeechException(string message, Exception inner)
        : this(message, null, inner)
    {
    }

    /// <summary>Why the text was refused (empty when the engine itself failed).</summary>
    public IReadOnlyList<string> Problems { get; }
}
