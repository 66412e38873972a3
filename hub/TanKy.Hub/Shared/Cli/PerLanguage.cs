using System.Collections.Concurrent;

namespace TanKy.Hub.Shared.Cli;

/// <summary>
/// A shared command-line symbol (an option several commands take, <c>--json</c>, <c>--data-dir</c>)
/// made once per CLI language. Its description is text in that language, and one static instance
/// could only hold one: a tree built for <c>--lang en</c> and one built in Vietnamese (tests build
/// both in one process, in parallel) each get their own. The language is the same when a command
/// reads the option's value (<c>r.GetValue(CliOptions.Json)</c>) as when the tree was built, so the
/// instance it looks up is the one in its tree.
/// </summary>
public sealed class PerLanguage<T>(Func<T> create)
    where T : class
{
    private readonly ConcurrentDictionary<string, Lazy<T>> _made = new(StringComparer.Ordinal);

    /// <summary>The instance for <see cref="CliText.Language"/>, made in that language on first use.</summary>
    public T Value => _made.GetOrAdd(CliText.Language, _ => new Lazy<T>(create)).Value;
}
