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
        used.Where(u => !_text.Keys.Contains(u.Key)).Should().BeEmpty("every T(\"key\") needs an entry in hub/TanKy.Hub/Resources/Text/<area>.resx and <area>.en.resx");
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

    [Fact]
    public void Every_key_has_a_vietnamese_and_an_english_text()
    {
        var vi = _text.Text.Table("vi");
        var en = _text.Text.Table("en");

        vi.Keys.Should().BeEquivalentTo(_text.Keys);
        vi.Where(e => string.IsNullOrWhiteSpace(e.Value)).Select(e => e.Key).Should().BeEmpty("every key has Vietnamese text");
        _text.Keys.Where(k => !en.TryGetValue(k, out var v) || string.IsNullOrWhiteSpace(v)).Should().BeEmpty("every key has English text in <area>.en.resx");
        en.Keys.Except(vi.Keys).Should().BeEmpty("an English entry without a Vietnamese one is never shown");
    }

    [Fact]
    public void Texts_come_from_the_resource_files_through_the_localizer_and_fill_in_arguments()
    {
        _text.Text.AreaOf["nav.devices"].Should().Be("core");
        _text.Format("account.throttled", "vi", 30).Should().Be("Thử sai mật khẩu quá nhiều lần. Hãy thử lại sau 30 giây.");
        _text.Format("account.throttled", "en", 30).Should().Be("Too many wrong passwords. Try again in 30 seconds.");
        System.Globalization.CultureInfo.CurrentUICulture.Name.Should().NotBe("en", "a lookup in English puts the thread's culture back");
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
