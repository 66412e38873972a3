using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TanKy.Hub.Devices;
using TanKy.Hub.Emergency.Cap;
using TanKy.Hub.Web.Console.Text;

namespace TanKy.Hub.Web.Console.Pages.Cap;

/// <summary>
/// The CAP alerts the hub received and what it did, with the reason in the reader's language: an
/// alert that matched no hamlet says, area by area, why (issue #17). Officers and admins only,
/// like the CAP API.
/// </summary>
[Authorize(Roles = "admin,officer")]
public sealed class IndexModel(CapAlertLog alerts, ZoneRegistry zones, ConsoleTime time, Translate text) : PageModel
{
    public const int Limit = 200;

    public IReadOnlyList<CapRow> Rows { get; private set; } = [];

    public void OnGet()
    {
        var names = zones.List().ToDictionary(z => z.Id, z => z.Name, StringComparer.Ordinal);
        Rows = alerts.Recent(Limit).Select(a => Row(a, names)).ToList();
    }

    private CapRow Row(CapAlertRecord a, IReadOnlyDictionary<string, string> names) => new(
        a.Id,
        time.Show(a.ReceivedAt),
        a.Sender,
        a.Identifier,
        $"{Known("cap.msg." + a.MsgType, a.MsgType)} · {Known("cap.status." + a.Status, a.Status)}",
        a.Action,
        Known("cap.action." + a.Action, a.Action),
        Zones(a.Zones, names),
        a.Why is { } why ? Say(why) : a.Reason,
        a.Why?.Misses.Select(Miss).ToList() ?? []);

    private string Zones(IReadOnlyList<string> ids, IReadOnlyDictionary<string, string> names) =>
        ids.Count == 0 ? "—"
        : names.Count > 0 && ids.Count == names.Count && names.Keys.All(ids.Contains) ? text("cap.whole-commune")
        : string.Join(", ", ids.Select(id => names.GetValueOrDefault(id, id)));

    /// <summary>The reason in the reader's language; arguments that are CAP words (status, class, urgency…) are said in it too.</summary>
    private string Say(CapWhy why)
    {
        var args = why.Args.ToArray();
        switch (why.Key)
        {
            case "status":
                args[0] = Known("cap.status." + args[0], args[0]);
                break;
            case "no-action":
                args[0] = Known("cap.msg." + args[0], args[0]);
                break;
            case "no-class" when args.Length == 3:
                (args[0], args[1], args[2]) = (Known("cap.urgency." + args[0], args[0]), Known("cap.severity." + args[1], args[1]), Known("cap.certainty." + args[2], args[2]));
                break;
            case "broadcast" or "update" when args.Length > 0:
                args[0] = Known("class." + args[0], args[0]);
                break;
            case "expired" when args.Length > 0 && DateTimeOffset.TryParse(args[0], CultureInfo.InvariantCulture, out var at):
                args[0] = time.Show(at);
                break;
        }

        return Format("cap.why." + why.Key, args);
    }

    private string Miss(CapAreaMiss miss) =>
        Format("cap.miss." + miss.Code, miss.Area.ToString(CultureInfo.InvariantCulture), miss.Detail);

    private string Format(string key, params object[] args) => string.Format(CultureInfo.InvariantCulture, text(key), args);

    /// <summary>A value's text, or the value itself when the tables have no entry (a CAP value from a newer standard).</summary>
    private string Known(string key, string value) => text(key) is var t && t.StartsWith('[') ? value : t;
}

/// <summary>One CAP alert as the list shows it.</summary>
public sealed record CapRow(long Id, string Received, string Sender, string Identifier, string Kind, string Action, string ActionText, string Zones, string Reason, IReadOnlyList<string> Misses);
