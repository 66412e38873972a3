using System.Xml.Linq;

namespace TanKy.Hub.Emergency.Cap;

/// <summary>
/// The element sequences of the CAP 1.2 schema (order and multiplicity), checked without an
/// XSD: the official schema is not shipped with the hub, so its content model is restated here.
/// Elements of other namespaces (e.g. an XML signature) are skipped.
/// </summary>
internal static class CapSequence
{
    public static readonly Slot[] Alert =
    [
        new("identifier", 1, 1), new("sender", 1, 1), new("sent", 1, 1), new("status", 1, 1), new("msgType", 1, 1),
        new("source", 0, 1), new("scope", 1, 1), new("restriction", 0, 1), new("addresses", 0, 1), new("code", 0, int.MaxValue),
        new("note", 0, 1), new("references", 0, 1), new("incidents", 0, 1), new("info", 0, int.MaxValue),
    ];

    public static readonly Slot[] Info =
    [
        new("language", 0, 1), new("category", 1, int.MaxValue), new("event", 1, 1), new("responseType", 0, int.MaxValue),
        new("urgency", 1, 1), new("severity", 1, 1), new("certainty", 1, 1), new("audience", 0, 1), new("eventCode", 0, int.MaxValue),
        new("effective", 0, 1), new("onset", 0, 1), new("expires", 0, 1), new("senderName", 0, 1), new("headline", 0, 1),
        new("description", 0, 1), new("instruction", 0, 1), new("web", 0, 1), new("contact", 0, 1),
        new("parameter", 0, int.MaxValue), new("resource", 0, int.MaxValue), new("area", 0, int.MaxValue),
    ];

    public static readonly Slot[] Area =
    [
        new("areaDesc", 1, 1), new("polygon", 0, int.MaxValue), new("circle", 0, int.MaxValue), new("geocode", 0, int.MaxValue),
        new("altitude", 0, 1), new("ceiling", 0, 1),
    ];

    /// <summary>eventCode, parameter and geocode.</summary>
    public static readonly Slot[] NamedValue = [new("valueName", 1, 1), new("value", 1, 1)];

    public static readonly Slot[] Resource =
    [
        new("resourceDesc", 1, 1), new("mimeType", 1, 1), new("size", 0, 1), new("uri", 0, 1), new("derefUri", 0, 1), new("digest", 0, 1),
    ];

    public static void Check(XElement parent, Slot[] slots, string path, CapErrors errors)
    {
        var counts = new int[slots.Length];
        var position = 0;
        foreach (var child in parent.Elements().Where(e => e.Name.Namespace == CapParser.Namespace))
        {
            var index = Array.FindIndex(slots, s => s.Name == child.Name.LocalName);
            if (index < 0)
            {
                errors.Add(child, $"{path}/{child.Name.LocalName}", $"unknown element in <{parent.Name.LocalName}>");
                continue;
            }

            if (index < position)
            {
                errors.Add(child, $"{path}/{child.Name.LocalName}", $"out of order: it must come before <{slots[position].Name}>");
            }

            position = Math.Max(position, index);
            counts[index]++;
        }

        for (var i = 0; i < slots.Length; i++)
        {
            if (counts[i] < slots[i].Min)
            {
                errors.Add(parent, $"{path}/{slots[i].Name}", "required element is missing");
            }
            else if (counts[i] > slots[i].Max)
            {
                errors.Add(parent, $"{path}/{slots[i].Name}", $"appears {counts[i]} times; at most {slots[i].Max} allowed");
            }
        }
    }

    internal sealed record Slot(string Name, int Min, int Max);
}
