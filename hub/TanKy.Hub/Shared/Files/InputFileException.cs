using TanKy.Hub.Shared.Text;

namespace TanKy.Hub.Shared.Files;

/// <summary>
/// A refused input file (too large, nested too deep) at a line and column. <see cref="Text"/> is the
/// reason for people (a key of Resources/Text/api2.resx); <see cref="Exception.Message"/> stays
/// English for logs. <see cref="TextAt"/> is the same reason prefixed with <c>file:line:column</c>.
/// </summary>
public sealed class InputFileException : Exception, ILocalizedError
{
    public InputFileException(TextMessage text, long line, long column)
        : base(text.ToString())
    {
        Text = text;
        Line = line;
        Column = column;
    }

    public TextMessage Text { get; }

    public long Line { get; }

    public long Column { get; }

    /// <summary>"path:line:column: reason" as a message of its own (key <c>&lt;reason key&gt;.at</c>).</summary>
    public TextMessage TextAt(string path) => new(Text.Key + ".at", [path, Line, Column, .. Text.Args]);
}
