using System.CommandLine;
using System.Text.RegularExpressions;
using TanKy.Hub.Cli;
using TanKy.Hub.Shared.Text;
using TanKy.Web.Tests.Text;

namespace TanKy.Hub.Tests.Cli;

/// <summary>
/// Issue #17: every <c>--help</c> of <c>tanky-hub</c> in one language, chosen by <c>--lang</c>.
/// The command tree HubCli builds is walked, so a new command is held to it too. Vietnamese (the
/// default) must not contain the English words the console is held to (<see cref="VisibleText.EnglishWords"/>,
/// the same list, linked from TanKy.Web.Tests/Text/VisibleText.cs); English must not contain
/// Vietnamese letters — the help used to be "Tiếng Việt / English" on every line.
/// </summary>
public sealed partial class HelpLanguage_Tests
{
    public static TheoryData<string> Commands() => [.. Walk(HubCli.Build((_, _) => Task.CompletedTask), "").Select(c => c.Path)];

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Vietnamese_help_has_no_English_words(string path)
    {
        var cli = await CliRun.RunAsync([.. Words(path), "--help"]);

        cli.Code.Should().Be(0, cli.Stderr);
        cli.Stdout.Should().Contain("Cách dùng:").And.Contain("Hiện hướng dẫn", "the library's own words are Vietnamese too");
        // "--from <from>": the placeholders of the usage are names to type, like the option names themselves.
        // The words only: VisibleText's raw codes ("hamlet-head") are values typed here (--role hamlet-head).
        VisibleText.EnglishIn(Placeholder().Replace(cli.Stdout, " ")).Intersect(VisibleText.EnglishWords)
            .Should().BeEmpty($"'tanky-hub {path} --help' is Vietnamese:\n{cli.Stdout}");
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task English_help_has_no_Vietnamese_letters(string path)
    {
        // --lang anywhere: before the command (as `tanky-hub --lang en schedules --help`) or after it.
        foreach (var args in new string[][] { ["--lang", "en", .. Words(path), "--help"], [.. Words(path), "--help", "--lang=en"] })
        {
            var cli = await CliRun.RunAsync(args);

            cli.Code.Should().Be(0, cli.Stderr);
            cli.Stdout.Should().Contain("Usage:").And.Contain("Show help");
            VietnameseLetter().Matches(cli.Stdout).Select(m => m.Value).Distinct()
                .Should().BeEmpty($"'tanky-hub {string.Join(' ', args)}' is English:\n{cli.Stdout}");
        }
    }

    [Fact]
    public async Task The_language_is_chosen_before_the_descriptions_are_written()
    {
        var english = await CliRun.RunAsync("--lang", "en", "schedules", "--help");
        var vietnamese = await CliRun.RunAsync("schedules", "--help");

        english.Stdout.Should().Contain(HubText.Default.Get("sched.cli.schedules", "en"))
            .And.Contain("Message language", "a shared option (--lang) is described in the tree's language too");
        vietnamese.Stdout.Should().Contain(HubText.Default.Get("sched.cli.schedules", "vi"))
            .And.Contain("Ngôn ngữ thông báo");
        HubText.Default.Get("sched.cli.schedules", "en").Should().NotBe(HubText.Default.Get("sched.cli.schedules", "vi"));
    }

    private static string[] Words(string path) => path.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static IEnumerable<(string Path, Command Command)> Walk(Command command, string path) =>
        command.Subcommands.SelectMany(c => Walk(c, path.Length == 0 ? c.Name : $"{path} {c.Name}")).Prepend((path, command));

    [GeneratedRegex("<[^<>\\s]+>")]
    private static partial Regex Placeholder();

    // The letters Vietnamese has and English does not (tone marks, ă â đ ê ô ơ ư).
    [GeneratedRegex("[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]", RegexOptions.IgnoreCase)]
    private static partial Regex VietnameseLetter();
}
