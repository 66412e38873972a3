using System.Text;

namespace TanKy.Hub.Tests.Text;

/// <summary>
/// The string literals of a C# source file with their line, comments left out: regular, verbatim
/// (<c>@"…"</c>), interpolated (<c>$"…{hole}…"</c>, the holes' own literals found too, the hole
/// itself written <c>{}</c> in the outer text) and raw (<c>"""…"""</c>). Char literals are skipped.
/// Enough of C#'s lexical grammar for a guard test, not a compiler: it needs no build of the hub.
/// </summary>
internal sealed class CSharpLiterals
{
    private readonly string _src;
    private readonly List<(int Line, string Text)> _found = [];
    private int _i;

    private CSharpLiterals(string src) => _src = src;

    public static IReadOnlyList<(int Line, string Text)> Of(string source)
    {
        var lexer = new CSharpLiterals(source);
        lexer.Code(untilBrace: false);
        return [.. lexer._found.OrderBy(f => f.Line)];
    }

    private char At(int k) => _i + k < _src.Length ? _src[_i + k] : '\0';

    private int LineOf(int index) => _src.AsSpan(0, Math.Min(index, _src.Length)).Count('\n') + 1;

    /// <summary>Code up to the end, or up to the '}' that closes an interpolation hole.</summary>
    private void Code(bool untilBrace)
    {
        var depth = 0;
        while (_i < _src.Length)
        {
            var c = At(0);
            if (c == '/' && At(1) == '/')
            {
                while (_i < _src.Length && At(0) != '\n')
                {
                    _i++;
                }
            }
            else if (c == '/' && At(1) == '*')
            {
                var end = _src.IndexOf("*/", _i + 2, StringComparison.Ordinal);
                _i = end < 0 ? _src.Length : end + 2;
            }
            else if (c == '\'')
            {
                CharLiteral();
            }
            else if (StringStart() is { } start)
            {
                String(start);
            }
            else if (c == '{')
            {
                depth++;
                _i++;
            }
            else if (c == '}' && untilBrace && depth == 0)
            {
                _i++;
                return;
            }
            else
            {
                depth -= c == '}' ? 1 : 0;
                _i++;
            }
        }
    }

    private void CharLiteral()
    {
        _i++;
        while (_i < _src.Length && At(0) != '\'' && At(0) != '\n')
        {
            _i += At(0) == '\\' ? 2 : 1;
        }

        _i++;
    }

    /// <summary>The prefix of a string literal starting here ($ count, verbatim, quote count), or null.</summary>
    private (int Dollars, bool Verbatim, int Quotes, int Length)? StringStart()
    {
        if (_i > 0 && (char.IsLetterOrDigit(_src[_i - 1]) || _src[_i - 1] == '_'))
        {
            return null;
        }

        var k = 0;
        var dollars = 0;
        var verbatim = false;
        while (At(k) is '$' or '@')
        {
            dollars += At(k) == '$' ? 1 : 0;
            verbatim |= At(k) == '@';
            k++;
        }

        if (At(k) != '"')
        {
            return null;
        }

        var quotes = 0;
        while (At(k + quotes) == '"')
        {
            quotes++;
        }

        // "" is an empty string, """ or more opens a raw string.
        quotes = quotes >= 3 ? quotes : 1;
        return (dollars, verbatim, quotes, k + quotes);
    }

    private void String((int Dollars, bool Verbatim, int Quotes, int Length) s)
    {
        var line = LineOf(_i);
        _i += s.Length;
        var text = new StringBuilder();
        var closing = new string('"', s.Quotes);
        while (_i < _src.Length)
        {
            if (s.Quotes >= 3 ? _src.AsSpan(_i).StartsWith(closing, StringComparison.Ordinal) : At(0) == '"' && !(s.Verbatim && At(1) == '"'))
            {
                _i += s.Quotes;
                break;
            }

            if (s.Quotes == 1 && !s.Verbatim && At(0) == '\n')
            {
                break;
            }

            if (s.Quotes == 1 && s.Verbatim && At(0) == '"')
            {
                text.Append('"');
                _i += 2;
            }
            else if (s.Quotes == 1 && !s.Verbatim && At(0) == '\\')
            {
                text.Append(At(0)).Append(At(1));
                _i += 2;
            }
            else if (s.Dollars > 0 && Hole(s.Dollars, s.Quotes))
            {
                text.Append("{}");
            }
            else
            {
                text.Append(At(0));
                _i += At(0) == '{' && At(1) == '{' && s.Quotes == 1 ? 2 : 1;
            }
        }

        _found.Add((line, text.ToString()));
    }

    /// <summary>At an interpolation hole (one '{' per '$' in a raw string, a single '{' otherwise): lexes it and returns true.</summary>
    private bool Hole(int dollars, int quotes)
    {
        var braces = quotes >= 3 ? dollars : 1;
        for (var k = 0; k < braces; k++)
        {
            if (At(k) != '{')
            {
                return false;
            }
        }

        if (At(braces) == '{' && quotes == 1)
        {
            return false; // "{{" in a regular interpolated string is a brace
        }

        _i += braces;
        Code(untilBrace: true);
        _i += braces - 1; // a raw hole closes with as many braces as it opened
        return true;
    }
}
