using System.Xml;
using System.Xml.Linq;

namespace TanKy.Hub.Emergency.Cap;

/// <summary>
/// Reads and validates a CAP 1.2 message. The XML reader refuses DTDs and never resolves
/// external entities (no XXE, no billion laughs), and the input is size-bounded before parsing.
/// Every structural problem is reported, not just the first.
/// </summary>
internal static class CapParser
{
    public static readonly XNamespace Namespace = "urn:oasis:names:tc:emergency:cap:1.2";

    public const int DefaultMaxBytes = 256 * 1024;

    /// <summary>
    /// A CAP alert nests 5 elements deep (alert/info/area/geocode/value); anything near this cap
    /// is hostile. Checked on a streaming pass before the tree is built (issue #14).
    /// </summary>
    public const int MaxDepth = 32;

    public static CapParseResult Parse(Stream input, int maxBytes = DefaultMaxBytes)
    {
        var bytes = ReadBounded(input, maxBytes);
        return bytes is null
            ? Failed($"alert: the message is larger than {maxBytes} bytes")
            : Parse(bytes, maxBytes);
    }

    public static CapParseResult Parse(byte[] xml, int maxBytes = DefaultMaxBytes)
    {
        if (xml.Length > maxBytes)
        {
            return Failed($"alert: the message is larger than {maxBytes} bytes");
        }

        XDocument doc;
        try
        {
            if (TooDeep(xml, maxBytes) is { } deep)
            {
                return Failed($"alert (line {deep.Line}, column {deep.Column}): elements nested deeper than {MaxDepth} levels");
            }

            using var reader = XmlReader.Create(new MemoryStream(xml, writable: false), ReaderSettings(maxBytes));
            doc = XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException ex) when (ex.Message.Contains("DTD", StringComparison.Ordinal))
        {
            return Failed($"alert (line {ex.LineNumber}): DTDs and entity declarations are not allowed in CAP messages");
        }
        catch (XmlException ex)
        {
            return Failed($"alert: malformed XML: {ex.Message}");
        }

        return ParseDocument(doc);
    }

    /// <summary>Where the first element deeper than <see cref="MaxDepth"/> starts, or null.</summary>
    private static (int Line, int Column)? TooDeep(byte[] xml, int maxBytes)
    {
        using var reader = XmlReader.Create(new MemoryStream(xml, writable: false), ReaderSettings(maxBytes));
        var info = (IXmlLineInfo)reader;
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.Depth >= MaxDepth)
            {
                return (info.LineNumber, info.LinePosition);
            }
        }

        return null;
    }

    internal static XmlReaderSettings ReaderSettings(int maxBytes) => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersFromEntities = 1024,
        MaxCharactersInDocument = maxBytes,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = true,
    };

    private static CapParseResult ParseDocument(XDocument doc)
    {
        var root = doc.Root!;
        if (root.Name != Namespace + "alert")
        {
            var ns = root.Name.NamespaceName.Length == 0 ? "no namespace" : $"namespace '{root.Name.NamespaceName}'";
            return Failed($"alert: the root element is <{root.Name.LocalName}> in {ns}; expected <alert> in {Namespace.NamespaceName} (CAP 1.2)");
        }

        var errors = new CapErrors();
        CapSequence.Check(root, CapSequence.Alert, "alert", errors);
        var alert = ReadAlert(root, errors);
        return errors.Count == 0 ? new CapParseResult(alert, []) : new CapParseResult(null, errors.All);
    }

    private static CapAlert ReadAlert(XElement root, CapErrors errors)
    {
        var identifier = Identifier(root, "identifier", errors);
        var sender = Identifier(root, "sender", errors);
        var sentText = Text(root, "sent") ?? "";
        var sent = DateTime(root, "sent", "alert", errors) ?? default;
        var status = Enum<CapStatus>(root, "status", "alert", errors);
        var msgType = Enum<CapMsgType>(root, "msgType", "alert", errors);
        var scope = Enum<CapScope>(root, "scope", "alert", errors);
        if (scope == CapScope.Restricted && Text(root, "restriction") is null)
        {
            errors.Add(root, "alert/restriction", "required when scope is Restricted");
        }

        if (scope == CapScope.Private && Text(root, "addresses") is null)
        {
            errors.Add(root, "alert/addresses", "required when scope is Private");
        }

        var referencesText = Text(root, "references");
        var references = referencesText is null ? [] : References(root.Element(Namespace + "references")!, referencesText, errors);
        var infos = root.Elements(Namespace + "info").Select((info, i) => CapInfoParser.Read(info, $"alert/info[{i + 1}]", errors)).ToList();
        return new CapAlert(identifier, sender, sent, sentText, status, msgType, Text(root, "source"), scope, Text(root, "note"), referencesText, references, infos);
    }

    /// <summary>CAP 1.2 references: whitespace-separated "sender,identifier,sent" triples.</summary>
    private static List<CapReference> References(XElement at, string text, CapErrors errors)
    {
        var list = new List<CapReference>();
        foreach (var triple in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = triple.Split(',');
            if (parts.Length != 3 || parts[0].Length == 0 || parts[1].Length == 0)
            {
                errors.Add(at, "alert/references", $"'{triple}' is not sender,identifier,sent");
                continue;
            }

            if (!CapValues.TryParseDateTime(parts[2], out var sent, out var problem))
            {
                errors.Add(at, "alert/references", problem!);
                continue;
            }

            list.Add(new CapReference(parts[0], parts[1], sent));
        }

        return list;
    }

    internal static string? Text(XElement parent, string name)
    {
        var value = parent.Element(Namespace + name)?.Value.Trim();
        return string.IsNullOrEmpty(value) ? null : value;
    }

    internal static string Identifier(XElement parent, string name, CapErrors errors)
    {
        var element = parent.Element(Namespace + name);
        if (element is null)
        {
            return "";
        }

        var value = element.Value.Trim();
        if (CapValues.IdentifierProblem(value) is { } problem)
        {
            errors.Add(element, $"alert/{name}", problem);
        }

        return value;
    }

    internal static DateTimeOffset? DateTime(XElement parent, string name, string path, CapErrors errors)
    {
        var element = parent.Element(Namespace + name);
        if (element is null)
        {
            return null;
        }

        if (CapValues.TryParseDateTime(element.Value.Trim(), out var value, out var problem))
        {
            return value;
        }

        errors.Add(element, $"{path}/{name}", problem!);
        return null;
    }

    internal static T Enum<T>(XElement parent, string name, string path, CapErrors errors)
        where T : struct, System.Enum
    {
        var element = parent.Element(Namespace + name);
        if (element is null)
        {
            return default;
        }

        var text = element.Value.Trim();
        if (CapValues.TryParseEnum<T>(text, out var value))
        {
            return value;
        }

        errors.Add(element, $"{path}/{name}", $"'{text}' is not one of {CapValues.EnumChoices<T>()}");
        return default;
    }

    private static byte[]? ReadBounded(Stream input, int maxBytes)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int n;
        while ((n = input.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + n > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, n);
        }

        return buffer.ToArray();
    }

    private static CapParseResult Failed(string error) => new(null, [error]);
}
