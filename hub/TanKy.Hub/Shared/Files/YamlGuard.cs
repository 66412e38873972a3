using TanKy.Hub.Shared.Text;
using System.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace TanKy.Hub.Shared.Files;

/// <summary>
/// Checks YAML text against <see cref="InputFileLimits"/> before anything builds a tree of it.
/// YamlDotNet's parser is a loop with an explicit state stack, so walking its event stream is
/// safe at any depth; its representation model and deserialiser recurse per level and overflow
/// the stack (a crash no catch can stop). The one check every YAML reader of the hub calls.
/// </summary>
public static class YamlGuard
{
    /// <summary>
    /// Throws <see cref="InputFileException"/> for text over the size cap (at 1:1) or nested
    /// deeper than the depth cap (at the collection that goes too deep). A YAML syntax error is
    /// left to the caller's parser, which reports it at its own mark.
    /// </summary>
    public static void Check(string text, InputFileLimits limits)
    {
        var bytes = Encoding.UTF8.GetByteCount(text);
        if (bytes > limits.MaxBytes)
        {
            throw BoundedFile.TooLarge(bytes, limits.MaxBytes);
        }

        var parser = new Parser(new StringReader(text));
        var depth = 0;
        try
        {
            while (parser.MoveNext())
            {
                switch (parser.Current)
                {
                    case MappingStart or SequenceStart:
                        if (++depth > limits.MaxDepth)
                        {
                            var at = parser.Current.Start;
                            throw new InputFileException(new TextMessage("api2.file.too-deep", limits.MaxDepth), at.Line, at.Column);
                        }

                        break;
                    case MappingEnd or SequenceEnd:
                        depth--;
                        break;
                }
            }
        }
        catch (YamlException)
        {
            // Reported by the caller's own parse, at the same mark and within the depth cap.
        }
    }
}
