using System.Text.RegularExpressions;
using TanKy.Hub.Accounts;
using TanKy.Hub.Web.Console.Audit;
using TanKy.Hub.Web.Console.Text;
using TanKy.Protocol;

namespace TanKy.Web.Tests.Text;

/// <summary>Every text the console asks for exists in Vietnamese and English.</summary>
public sealed partial class ConsoleText_Tests
{
    private readonly ConsoleText _text = new();

    [Fact]
    public void Every_literal_key_used_by_a_page_or_model_is_in_the_tables()
    {
        var root = Path.Combine(RepoRoot(), "hub", "TanKy.Hub", "Web", "Console");
        var used = Directory.EnumerateFiles(root, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cshtml", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
            .SelectMany(f => KeyUse().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Key: m.Groups[1].Value)))
            .ToList();

        used.Should().NotBeEmpty();
        used.Where(u => !_text.Keys.Contains(u.Key)).Should().BeEmpty("every T(\"key\") needs a line in Web/Console/Text/*.tsv");
    }

    [Fact]
    public void Keys_built_from_values_exist_for_every_value()
    {
        var built = DeviceKinds.All.Select(k => "kind." + k.ToWire())
            .Concat(Enum.GetValues<Role>().Select(r => "role." + r.ToWire()))
            .Concat(new[] { "online", "offline", "unknown" }.Select(s => "status." + s))
            .Concat(new[] { "normal", "priority", "emergency" }.Select(c => "class." + c))
            .Concat(AuditLogQuery.Sources.Select(s => "audit.source." + s));

        built.Where(k => !_text.Keys.Contains(k)).Should().BeEmpty();
    }

    [Fact]
    public void Vietnamese_is_the_default_and_english_is_on_request_and_a_missing_key_is_visible()
    {
        _text.Get("nav.devices", "vi").Should().Be("Thiết bị");
        _text.Get("nav.devices", "en").Should().Be("Devices");
        _text.Get("no.such.key", "vi").Should().Be("[no.such.key]");
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

    [GeneratedRegex("""\b[Tt]\("([a-z0-9.\-]+)"\)""")]
    private static partial Regex KeyUse();
}
