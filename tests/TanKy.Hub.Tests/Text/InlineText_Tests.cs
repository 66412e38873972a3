using System.Text.RegularExpressions;

namespace TanKy.Hub.Tests.Text;

/// <summary>
/// Issue #17: "No user-facing string stays inline in code". Every text a person reads lives in
/// <c>hub/TanKy.Hub/Resources/Text/&lt;area&gt;.resx</c> (Vietnamese) and <c>&lt;area&gt;.en.resx</c>
/// (English), looked up by key (hub/docs/console.md, "Ngôn ngữ / Language"). This test reads every
/// <c>*.cs</c> file of the hub and fails on a string literal (comments do not count) that holds a
/// Vietnamese letter or a "Tiếng Việt / English" pair, listing file:line, so a new inline text is
/// caught where it is written rather than by a reader who sees the wrong language.
/// </summary>
public sealed partial class InlineText_Tests
{
    /// <summary>
    /// Files that may hold such literals, each with why. Paths are relative to hub/TanKy.Hub;
    /// "dir/**" is a folder and everything under it, "*Name.cs" a file name ending anywhere.
    /// </summary>
    private static readonly (string Pattern, string Why)[] Allowed =
    [
        // Data, Vietnamese by nature: these stay.
        ("Emergency/Cap/CapAreaNames.cs", "CAP place-name synonyms and the Vietnamese 'và' between area names"),
        ("Schedules/Parsing/RecurrenceParser.cs", "words a schedule file may use: 'ngày', 'tuần' (input vocabulary, not output)"),
        ("Media/Demo/**", "demo clip titles (sample data) and the old demo title prefix recognised on upgrade"),
        ("Shared/Data/Schema/**", "SQL schema text; its '--' comments are for developers"),
        ("Shared/Web/ApiProblems.cs", "a character class of Vietnamese letters, to tell a Vietnamese text from an English one"),
    ];

    [Fact]
    public void No_user_facing_text_is_written_inline_in_the_hub()
    {
        var hub = Path.Combine(RepoRoot(), "hub", "TanKy.Hub");
        var found = new List<string>();
        foreach (var path in Directory.EnumerateFiles(hub, "*.cs", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(hub, path).Replace('\\', '/');
            if (relative.StartsWith("obj/", StringComparison.Ordinal) || relative.StartsWith("bin/", StringComparison.Ordinal) || IsAllowed(relative))
            {
                continue;
            }

            found.AddRange(CSharpLiterals.Of(File.ReadAllText(path))
                .Where(l => IsUserText(l.Text))
                .Select(l => $"hub/TanKy.Hub/{relative}:{l.Line}: \"{Shorten(l.Text)}\""));
        }

        // Every place at once, file:line, so one run shows the whole list to move.
        Assert.True(found.Count == 0, $"{found.Count} inline user-facing text(s) in hub/TanKy.Hub: move them to "
            + "Resources/Text/<area>.resx and <area>.en.resx and look them up by key (hub/docs/console.md, 'Ngôn ngữ / Language'); "
            + "data that is Vietnamese by nature goes on the commented list in InlineText_Tests:"
            + Environment.NewLine + string.Join(Environment.NewLine, found));
    }

    /// <summary>A renamed or deleted file must leave the list too, or the list quietly allows its successor's name.</summary>
    [Fact]
    public void Every_allowed_path_names_files_that_exist()
    {
        var hub = Path.Combine(RepoRoot(), "hub", "TanKy.Hub");
        var files = Directory.EnumerateFiles(hub, "*.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(hub, f).Replace('\\', '/')).ToList();

        Allowed.Where(a => !files.Any(f => IsAllowedBy(a.Pattern, f))).Select(a => a.Pattern).Should().BeEmpty();
    }

    [Theory]
    [InlineData("Không tìm thấy bản tin", true)]
    [InlineData("bị chèn bởi / preempted by {}", true)]
    [InlineData("Cần đăng nhập thiết bị / device credentials required", true)]
    [InlineData("{}–{} / {}–{}", false)]
    [InlineData("dd/MM/yyyy HH:mm", false)]
    [InlineData("text/html; charset=utf-8", false)]
    [InlineData("Could not start {} ({})", false)]
    public void A_Vietnamese_letter_or_a_vi_en_pair_is_user_text(string literal, bool expected) =>
        IsUserText(literal).Should().Be(expected);

    [Fact]
    public void Literals_are_read_without_comments_and_with_interpolation_holes()
    {
        const string source = """"
            // "Tiếng Việt in a comment" is not a literal
            var a = $"{(x is null ? "" : ": " + x)} / {y}"; /* "nor here" */
            var b = @"say ""hi""";
            var c = '"';
            var d = $$"""
                {"k": {{v}}}
                """;
            """";

        CSharpLiterals.Of(source).Should().Equal(
            (2, ""), (2, ": "), (2, "{} / {}"), (3, "say \"hi\""), (5, "\n    {\"k\": {}}\n    "));
    }

    private static bool IsUserText(string literal) => Vietnamese().IsMatch(literal) || Pair().IsMatch(literal);

    private static bool IsAllowed(string relative) => Allowed.Any(a => IsAllowedBy(a.Pattern, relative));

    private static bool IsAllowedBy(string pattern, string relative) =>
        pattern.StartsWith('*') ? Path.GetFileName(relative).EndsWith(pattern[1..], StringComparison.Ordinal)
        : pattern.EndsWith("/**", StringComparison.Ordinal) ? relative.StartsWith(pattern[..^2], StringComparison.Ordinal)
        : relative == pattern;

    private static string Shorten(string s) => s.Length <= 90 ? s.ReplaceLineEndings(" ") : s[..90].ReplaceLineEndings(" ") + "…";

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TanKy.Iot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("TanKy.Iot.sln above " + AppContext.BaseDirectory);
    }

    // Letters Vietnamese has and English does not: đ, and vowels with a tone or a hat/horn/breve.
    [GeneratedRegex("[đĐăĂâÂêÊôÔơƠưƯàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵÀÁẢÃẠẰẮẲẴẶẦẤẨẪẬÈÉẺẼẸỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌỒỐỔỖỘỜỚỞỠỢÙÚỦŨỤỪỨỬỮỰỲÝỶỸỴ]")]
    private static partial Regex Vietnamese();

    // "Tiếng Việt / English": words on both sides of a spaced slash ("0:03 / 1:00" and "{}–{} / {}–{}" are not).
    [GeneratedRegex(@"\p{L}{2,}\S*\s/\s\S*\p{L}{2,}")]
    private static partial Regex Pair();
}
