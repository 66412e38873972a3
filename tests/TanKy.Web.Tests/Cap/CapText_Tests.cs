using System.Text.RegularExpressions;
using TanKy.Hub.Web.Console.Text;

namespace TanKy.Web.Tests.Cap;

/// <summary>
/// Every text key Emergency/Cap asks for (API problems, CLI, the reasons the CAP list words) is in
/// Resources/Text/cap.resx and cap.en.resx; ConsoleText_Tests only scans Web/Console.
/// </summary>
public sealed partial class CapText_Tests
{
    private readonly ConsoleText _text = new();

    [Fact]
    public void Every_key_of_the_cap_code_and_every_reason_and_miss_is_in_the_tables()
    {
        var code = Directory.EnumerateFiles(Path.Combine(RepoRoot(), "hub", "TanKy.Hub", "Emergency", "Cap"), "*.cs")
            .Select(File.ReadAllText).ToList();
        var literal = code.SelectMany(c => Literal().Matches(c).Select(m => m.Groups[1].Value));
        var reasons = code.SelectMany(c => Reason().Matches(c).Select(m => "cap.why." + m.Groups[1].Value));
        var misses = code.SelectMany(c => Miss().Matches(c).Select(m => "cap.miss." + m.Groups[1].Value)).Append("cap.miss.empty");

        var keys = literal.Concat(reasons).Concat(misses).Distinct().ToList();

        keys.Should().Contain(["cap.problem.malformed", "cap.cli.registered", "cap.why.no-zone", "cap.why.cancel-stopped", "cap.miss.other-place"], "the scan must find the keys");
        keys.Where(k => !_text.Keys.Contains(k)).Should().BeEmpty("every CAP text key needs an entry in Resources/Text/cap.resx");
        _text.Get("cap.why.cancel-stopped", "vi").Should().Be("Đã dừng {1} buổi phát theo lệnh huỷ bản tin {0}.");
    }

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

    /// <summary>Say("cap.…"), CapCliText.Get("cap.…").</summary>
    [GeneratedRegex(@"(?:Say|Get)\(""(cap\.[a-z0-9.\-]+)""")]
    private static partial Regex Literal();

    /// <summary>CapWhy.Of("…") and new CapWhy("…", …).</summary>
    [GeneratedRegex(@"CapWhy(?:\.Of)?\(""([a-z\-]+)""")]
    private static partial Regex Reason();

    /// <summary>new CapAreaMiss(index, "…", …) and the ("code", detail) misses of CapAreaNames.</summary>
    [GeneratedRegex(@"(?:CapAreaMiss\([^,]+, ""|\(\[\], false, \("")([a-z\-]+)""")]
    private static partial Regex Miss();
}
