using System.Text;
using System.Text.RegularExpressions;
using TanKy.Hub.Tests.Schedules;

namespace TanKy.Hub.Tests.Cli;

/// <summary>
/// The incident runbook in hub/docs/an-toan-theo-cap-do.md is filed with the commune's dossier and
/// followed under stress, so every <c>tanky-hub …</c> line in its code blocks must be a command the
/// CLI accepts. Each one is run in-process with <c>--help</c> appended: the strict CLI still exits 2
/// for an unknown command, option or bad value, and runs nothing.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed partial class DocCommands_Tests : IDisposable
{
    private const string Document = "an-toan-theo-cap-do.md";
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "tanky-doccmd-" + Guid.NewGuid().ToString("N")[..12]);

    public void Dispose()
    {
        if (Directory.Exists(_dataDir))
        {
            Directory.Delete(_dataDir, recursive: true);
        }
    }

    [Fact]
    public async Task Every_command_in_the_runbook_is_one_the_cli_accepts()
    {
        var commands = Extract(File.ReadAllText(Path.Combine(RepoRoot(), "hub", "docs", Document)));

        // Guards the extractor: the runbook's key steps must have been found, not skipped.
        commands.Should().HaveCountGreaterThan(30);
        foreach (var step in new[] { "broadcast cancel", "broadcast stop", "devices rotate-secret", "users disable", "tokens revoke", "tokens create", "restore", "backup" })
        {
            var prefix = step.Split(' ');
            commands.Should().Contain(c => c.Take(prefix.Length).SequenceEqual(prefix), $"the runbook uses '{step}'");
        }

        foreach (var words in commands)
        {
            var cli = await CliRun.RunAsync([.. words, "--help", "--data-dir", _dataDir]);

            cli.Code.Should().Be(0, $"'tanky-hub {string.Join(' ', words)}' in {Document}: {cli.Stderr}");
            cli.Stderr.Should().BeEmpty();
            cli.Started.Should().BeEmpty();
        }

        Directory.Exists(_dataDir).Should().BeFalse("only help ran");
    }

    [Fact]
    public async Task A_mistyped_command_in_a_code_block_would_fail_the_check()
    {
        var commands = Extract("""
            Text outside a block: tanky-hub nothing --here
            ```bash
            tanky-hub tokens revoke --idd 6f05f7a3
            ```
            """);

        commands.Should().ContainSingle().Which.Should().Equal("tokens", "revoke", "--idd", "6f05f7a3");
        var cli = await CliRun.RunAsync([.. commands[0], "--help", "--data-dir", _dataDir]);
        cli.Code.Should().Be(2);
    }

    [Fact]
    public void Commands_are_found_after_operators_and_in_substitutions_but_not_as_arguments_of_other_programs()
    {
        var commands = Extract("""
            ```bash
            tanky-hub() { (cd /etc/tanky && sudo -u tanky /opt/tanky/current/bin/tanky-hub --data-dir /var/lib/tanky "$@"); }
            TK=$(tanky-hub tokens create --user quan-tri --label "ung cuu" --expires-days 1)
            journalctl -u tanky-hub --since "-2h" | grep -i refus
            systemctl stop tanky-hub
            for id in $(tanky-hub devices list --json | jq -r '.[].id'); do
              tanky-hub devices rotate-secret --id "$id" --json >> /root/out.jsonl # comment
            done
            tanky-hub backup /var/backups/tanky/su-co-$(date +%Y%m%d-%H%M).tar.gz
            ```
            """);

        commands.Should().BeEquivalentTo(
            new[]
            {
                new[] { "tokens", "create", "--user", "quan-tri", "--label", "ung cuu", "--expires-days", "1" },
                ["devices", "list", "--json"],
                ["devices", "rotate-secret", "--id", "$id", "--json"],
                ["backup", "/var/backups/tanky/su-co-$(date +%Y%m%d-%H%M).tar.gz"],
            },
            o => o.WithStrictOrdering());
    }

    /// <summary>
    /// The arguments of each <c>tanky-hub</c> invocation in the fenced code blocks of a Markdown
    /// text: at the start of a line, after <c>$(</c>, a pipe, <c>;</c>, <c>&amp;&amp;</c> or <c>do</c>;
    /// up to the end of its shell command. Quotes are removed; variables and substitutions are kept
    /// as text (they only ever stand for values).
    /// </summary>
    internal static List<string[]> Extract(string markdown)
    {
        var commands = new List<string[]>();
        var inBlock = false;
        foreach (var line in markdown.Replace("\r\n", "\n").Split('\n'))
        {
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                inBlock = !inBlock;
                continue;
            }

            if (!inBlock)
            {
                continue;
            }

            foreach (Match start in CommandStart().Matches(line))
            {
                commands.Add(Words(line, start.Index + start.Length));
            }
        }

        return commands;
    }

    // Reads shell words from `from` until the command ends: an unquoted `)` closing the substitution
    // it started in, `|`, `;`, `&`, `>`, `<`, or `#` at the start of a word.
    private static string[] Words(string line, int from)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        for (var i = from; i < line.Length; i++)
        {
            var c = line[i];
            if (c is '\'' or '"')
            {
                var end = line.IndexOf(c, i + 1);
                end.Should().BeGreaterThan(i, $"a closed quote in: {line}");
                word.Append(line, i + 1, end - i - 1);
                inWord = true;
                i = end;
            }
            else if (c == '$' && i + 1 < line.Length && line[i + 1] == '(')
            {
                var depth = 0;
                var j = i + 1;
                for (; j < line.Length; j++)
                {
                    depth += line[j] == '(' ? 1 : line[j] == ')' ? -1 : 0;
                    if (depth == 0)
                    {
                        break;
                    }
                }

                word.Append(line, i, j - i + 1);
                inWord = true;
                i = j;
            }
            else if (char.IsWhiteSpace(c))
            {
                Flush();
            }
            else if (c is ')' or '|' or ';' or '&' or '>' or '<' || (c == '#' && !inWord))
            {
                break;
            }
            else
            {
                word.Append(c);
                inWord = true;
            }
        }

        Flush();
        return [.. words];

        void Flush()
        {
            if (inWord)
            {
                words.Add(word.ToString());
                word.Clear();
                inWord = false;
            }
        }
    }

    [GeneratedRegex(@"(?:^\s*|\$\(|[|;&]\s*|\bdo\s+)tanky-hub\s+")]
    private static partial Regex CommandStart();

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "TanKy.Iot.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("TanKy.Iot.sln not found above " + AppContext.BaseDirectory);
    }
}
