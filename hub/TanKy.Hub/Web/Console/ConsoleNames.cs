using System.Text.RegularExpressions;
using TanKy.Hub.Devices;

namespace TanKy.Hub.Web.Console;

/// <summary>
/// Hamlet and device names where a stored row keeps ids (audit targets, a user's hamlets): officers
/// read "Khối 1, Cụm loa Khối 1", never <c>khoi-1</c> or <c>loa-khoi-1-a</c>. Ids that name nothing
/// (a removed device, free text) are shown as written.
/// </summary>
public sealed partial class ConsoleNames(ZoneRegistry zones, DeviceRegistry devices)
{
    /// <summary>The hamlet's name, or the id when it has none.</summary>
    public string Zone(string id) => zones.List().FirstOrDefault(z => z.Id == id)?.Name ?? id;

    public string Zones(IEnumerable<string> ids) => string.Join(", ", ids.Select(Zone));

    /// <summary>Every id-shaped word (a slug such as <c>khoi-1</c>) that is a hamlet or a device, replaced by its name.</summary>
    public string InText(string text)
    {
        var byId = zones.List().ToDictionary(z => z.Id, z => z.Name, StringComparer.Ordinal);
        return Slug().Replace(text, m => byId.TryGetValue(m.Value, out var zone) ? zone : devices.Get(m.Value)?.Name ?? m.Value);
    }

    [GeneratedRegex("[a-z0-9]+(?:-[a-z0-9]+)+")]
    private static partial Regex Slug();
}
