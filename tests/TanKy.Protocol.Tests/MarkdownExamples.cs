using System.Text.RegularExpressions;

namespace TanKy.Protocol.Tests;

/// <summary>
/// The fenced examples of a document in hub/docs, by protocol.md's convention: a ```json block
/// whose info string names the topic (```json tanky/v1/tan-ky/dev/spk-07/state) holds one message.
/// Shared by the tests of protocol.md and of device-guide.md so both documents follow one rule.
/// </summary>
internal static partial class MarkdownExamples
{
    internal sealed record Example(string Info, string Topic, string Json, int Line);

    [GeneratedRegex(@"^```(?<info>[^\n]*)\n(?<body>.*?)\n```$", RegexOptions.Singleline | RegexOptions.Multiline)]
    internal static partial Regex Fence();

    /// <summary>Every ```json block of <paramref name="document"/>, with its topic ("" when none) and 1-based line.</summary>
    internal static List<Example> Json(string document) =>
        Fence().Matches(document)
            .Where(m => m.Groups["info"].Value.Split(' ')[0] == "json")
            .Select(m =>
            {
                var info = m.Groups["info"].Value;
                var parts = info.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var line = document.AsSpan(0, m.Index).Count('\n') + 1;
                return new Example(info, parts.Length > 1 ? parts[1] : "", m.Groups["body"].Value, line);
            })
            .ToList();
}
