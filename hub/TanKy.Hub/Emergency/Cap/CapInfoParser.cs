using System.Globalization;
using System.Xml.Linq;

namespace TanKy.Hub.Emergency.Cap;

/// <summary>Reads and validates one <c>info</c> block with its areas, resources and named values.</summary>
internal static class CapInfoParser
{
    private static readonly XNamespace Ns = CapParser.Namespace;

    public static CapInfo Read(XElement info, string path, CapErrors errors)
    {
        CapSequence.Check(info, CapSequence.Info, path, errors);
        var language = CapParser.Text(info, "language") ?? "en-US";
        if (!CapValues.IsLanguageTag(language))
        {
            errors.Add(info.Element(Ns + "language"), $"{path}/language", $"'{language}' is not a language tag such as vi-VN");
        }

        var categories = Values(info, "category", CapValues.Categories, path, errors);
        _ = Values(info, "responseType", CapValues.ResponseTypes, path, errors);
        var evt = CapParser.Text(info, "event");
        if (evt is null && info.Element(Ns + "event") is { } empty)
        {
            errors.Add(empty, $"{path}/event", "must not be empty");
        }

        foreach (var (name, slots) in new[] { ("eventCode", CapSequence.NamedValue), ("parameter", CapSequence.NamedValue), ("resource", CapSequence.Resource) })
        {
            foreach (var (child, i) in info.Elements(Ns + name).Select((c, i) => (c, i)))
            {
                CapSequence.Check(child, slots, $"{path}/{name}[{i + 1}]", errors);
            }
        }

        var areas = info.Elements(Ns + "area").Select((a, i) => Area(a, $"{path}/area[{i + 1}]", errors)).ToList();
        return new CapInfo(
            language,
            categories,
            evt ?? "",
            CapParser.Enum<CapUrgency>(info, "urgency", path, errors),
            CapParser.Enum<CapSeverity>(info, "severity", path, errors),
            CapParser.Enum<CapCertainty>(info, "certainty", path, errors),
            CapParser.DateTime(info, "effective", path, errors),
            CapParser.DateTime(info, "onset", path, errors),
            CapParser.DateTime(info, "expires", path, errors),
            CapParser.Text(info, "senderName"),
            CapParser.Text(info, "headline"),
            CapParser.Text(info, "description"),
            CapParser.Text(info, "instruction"),
            areas);
    }

    private static List<string> Values(XElement info, string name, IReadOnlySet<string> allowed, string path, CapErrors errors)
    {
        var values = new List<string>();
        foreach (var element in info.Elements(Ns + name))
        {
            var text = element.Value.Trim();
            if (allowed.Contains(text))
            {
                values.Add(text);
            }
            else
            {
                errors.Add(element, $"{path}/{name}", $"'{text}' is not one of {string.Join(", ", allowed)}");
            }
        }

        return values;
    }

    private static CapArea Area(XElement area, string path, CapErrors errors)
    {
        CapSequence.Check(area, CapSequence.Area, path, errors);
        var desc = CapParser.Text(area, "areaDesc");
        if (desc is null && area.Element(Ns + "areaDesc") is { } empty)
        {
            errors.Add(empty, $"{path}/areaDesc", "must not be empty");
        }

        var polygons = new List<IReadOnlyList<GeoPoint>>();
        foreach (var element in area.Elements(Ns + "polygon"))
        {
            if (CapGeometryParser.Polygon(element.Value, out var problem) is { } polygon)
            {
                polygons.Add(polygon);
            }
            else
            {
                errors.Add(element, $"{path}/polygon", problem!);
            }
        }

        var circles = new List<CapCircle>();
        foreach (var element in area.Elements(Ns + "circle"))
        {
            if (CapGeometryParser.Circle(element.Value.Trim(), out var problem) is { } circle)
            {
                circles.Add(circle);
            }
            else
            {
                errors.Add(element, $"{path}/circle", problem!);
            }
        }

        var geocodes = area.Elements(Ns + "geocode")
            .Select((g, i) =>
            {
                CapSequence.Check(g, CapSequence.NamedValue, $"{path}/geocode[{i + 1}]", errors);
                return new CapGeocode(CapParser.Text(g, "valueName") ?? "", CapParser.Text(g, "value") ?? "");
            })
            .ToList();
        CheckAltitude(area, path, errors);
        return new CapArea(desc ?? "", polygons, circles, geocodes);
    }

    private static void CheckAltitude(XElement area, string path, CapErrors errors)
    {
        foreach (var name in new[] { "altitude", "ceiling" })
        {
            if (area.Element(Ns + name) is { } e && !double.TryParse(e.Value.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            {
                errors.Add(e, $"{path}/{name}", $"'{e.Value.Trim()}' is not a number");
            }
        }

        if (area.Element(Ns + "ceiling") is { } ceiling && area.Element(Ns + "altitude") is null)
        {
            errors.Add(ceiling, $"{path}/ceiling", "ceiling requires altitude");
        }
    }
}
