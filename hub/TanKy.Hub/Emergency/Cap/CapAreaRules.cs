using Microsoft.Extensions.Logging;
using TanKy.Hub.Devices;
using TanKy.Hub.Shared.Files;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace TanKy.Hub.Emergency.Cap;

/// <summary>
/// The commune's CAP area rules: the <c>cap:</c> section of the commune file
/// (<c>Alerts:Cap:CommuneFile</c>, by default the bundled commune/tan-ky.yaml), with the
/// configured <c>Alerts:Cap:Geocodes</c> and <c>CommuneNames</c> on top: a configured rule for
/// the same valueName and value replaces the file's. The file is read again when it changes, so an
/// operator's edit counts from the next alert. A broken file is logged and left out, never fatal.
/// </summary>
internal sealed class CapAreaRules(CapOptions options, ILogger log)
{
    private (string Path, DateTime Stamp, CapPlacesSection Section)? _cache;

    /// <summary>The file shipped with the hub: the Tân Kỳ sample commune.</summary>
    public static string DefaultFile => Path.Combine(AppContext.BaseDirectory, "commune", "tan-ky.yaml");

    /// <summary>The file in use: the configured one, the bundled one when not set, none when set to "".</summary>
    public string? FilePath => options.CommuneFile is null ? DefaultFile : options.CommuneFile.Trim().Length == 0 ? null : options.CommuneFile;

    public CapZoneMap Map(IReadOnlyList<CapZoneMap.ZonePlace> zones, IReadOnlyList<CapZoneMap.DevicePlace> devices)
    {
        var section = Section();
        var geocodes = FileGeocodes(section)
            .Where(f => !options.Geocodes.Any(c => SameCode(c, f)))
            .Concat(options.Geocodes)
            .ToList();
        var hamlets = section.Hamlets.Where(h => h.Names.Count > 0)
            .GroupBy(h => h.Zone, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.SelectMany(h => h.Names).ToList(), StringComparer.Ordinal);
        return new CapZoneMap(zones, devices, geocodes, section.Commune.Names.Concat(options.CommuneNames).ToList(),
            section.Enclosing.SelectMany(e => e.Names).ToList(), hamlets);
    }

    private IEnumerable<CapGeocodeMapping> FileGeocodes(CapPlacesSection section)
    {
        var whole = section.Enclosing.Prepend(section.Commune).SelectMany(p => p.Geocodes).Select(g => Rule(g, "*"));
        var hamlets = section.Hamlets.SelectMany(h => h.Geocodes.Select(g => Rule(g, h.Zone)));
        return whole.Concat(hamlets).OfType<CapGeocodeMapping>();
    }

    /// <summary>"ISO3166-2=VN-22" → a rule to <paramref name="zone"/>; anything else is logged and skipped.</summary>
    private CapGeocodeMapping? Rule(string code, string zone)
    {
        var at = code.IndexOf('=', StringComparison.Ordinal);
        if (at <= 0 || at == code.Length - 1)
        {
            log.LogWarning("CAP commune file {File}: geocode '{Geocode}' is not valueName=value; skipped", FilePath, code);
            return null;
        }

        return new CapGeocodeMapping { ValueName = code[..at].Trim(), Value = code[(at + 1)..].Trim(), Zones = [zone] };
    }

    private static bool SameCode(CapGeocodeMapping a, CapGeocodeMapping b) =>
        string.Equals(a.ValueName.Trim(), b.ValueName.Trim(), StringComparison.OrdinalIgnoreCase)
        && string.Equals(a.Value.Trim(), b.Value.Trim(), StringComparison.OrdinalIgnoreCase);

    private CapPlacesSection Section()
    {
        if (FilePath is not { } path || !File.Exists(path))
        {
            if (FilePath is not null)
            {
                log.LogWarning("CAP commune file {File} not found: only Alerts:Cap geocodes and names apply", FilePath);
            }

            return new CapPlacesSection();
        }

        var stamp = File.GetLastWriteTimeUtc(path);
        if (_cache is { } c && c.Path == path && c.Stamp == stamp)
        {
            return c.Section;
        }

        var section = Read(path) ?? new CapPlacesSection();
        _cache = (path, stamp, section);
        return section;
    }

    private CapPlacesSection? Read(string path)
    {
        try
        {
            var text = BoundedFile.ReadAllText(path, DeviceImporter.Limits.MaxBytes);
            YamlGuard.Check(text, DeviceImporter.Limits);
            var yaml = new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).IgnoreUnmatchedProperties().Build();
            return yaml.Deserialize<FileRoot>(new Parser(new StringReader(text)))?.Cap;
        }
        catch (Exception ex) when (ex is InputFileException or YamlException or IOException or UnauthorizedAccessException)
        {
            log.LogError("CAP commune file {File} could not be read ({Error}): its codes and names are left out", path, ex.Message);
            return null;
        }
    }

    /// <summary>The commune file as this reader sees it: only the <c>cap:</c> section.</summary>
    private sealed class FileRoot
    {
        public CapPlacesSection? Cap { get; set; }
    }
}
