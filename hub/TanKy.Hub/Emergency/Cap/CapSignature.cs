using System.Security.Cryptography;
using System.Security.Cryptography.Xml;
using System.Xml;

namespace TanKy.Hub.Emergency.Cap;

/// <summary>
/// Enveloped XML signatures on a CAP 1.2 alert (CAP 1.2 §3.3.4.1: a <c>ds:Signature</c> child of
/// <c>alert</c>), checked with <see cref="SignedXml"/> against the key registered for the sender,
/// never a key the message carries. Only the shape that signs the whole alert is accepted: one
/// signature, a direct child of <c>alert</c>, one reference with <c>URI=""</c>, the enveloped and
/// canonicalization transforms only, RSA with SHA-256 or stronger. Anything else (a second
/// signature, a reference to a fragment, XSLT/XPath transforms, SHA-1) is refused: those are the
/// shapes signature-wrapping attacks rely on.
/// </summary>
internal static class CapSignature
{
    private static readonly HashSet<string> SignatureMethods =
        [SignedXml.XmlDsigRSASHA256Url, SignedXml.XmlDsigRSASHA384Url, SignedXml.XmlDsigRSASHA512Url];

    private static readonly HashSet<string> DigestMethods =
        [SignedXml.XmlDsigSHA256Url, SignedXml.XmlDsigSHA384Url, SignedXml.XmlDsigSHA512Url];

    private static readonly HashSet<string> Transforms =
        [SignedXml.XmlDsigEnvelopedSignatureTransformUrl, SignedXml.XmlDsigC14NTransformUrl, SignedXml.XmlDsigC14NWithCommentsTransformUrl, SignedXml.XmlDsigExcC14NTransformUrl, SignedXml.XmlDsigExcC14NWithCommentsTransformUrl];

    /// <summary>Whether the message carries any XML-DSig signature element (cheap scan; the message was already parsed).</summary>
    public static bool IsPresent(byte[] xml)
    {
        using var reader = XmlReader.Create(new MemoryStream(xml, writable: false), Settings(xml.Length));
        try
        {
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "Signature" && reader.NamespaceURI == SignedXml.XmlDsigNamespaceUrl)
                {
                    return true;
                }
            }
        }
        catch (XmlException)
        {
            return false;
        }

        return false;
    }

    /// <summary>Null when the signature verifies with <paramref name="key"/>; otherwise what is wrong.</summary>
    public static string? Verify(byte[] xml, RSA key)
    {
        var doc = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(xml, writable: false), Settings(xml.Length));
            doc.Load(reader);
        }
        catch (XmlException ex)
        {
            return $"malformed XML: {ex.Message}";
        }

        var signatures = doc.GetElementsByTagName("Signature", SignedXml.XmlDsigNamespaceUrl);
        if (signatures.Count != 1)
        {
            return $"expected exactly one ds:Signature, found {signatures.Count}";
        }

        var element = (XmlElement)signatures[0]!;
        if (element.ParentNode != doc.DocumentElement)
        {
            return "the ds:Signature must be a child of <alert> (enveloped signature)";
        }

        var signed = new SignedXml(doc);
        try
        {
            signed.LoadXml(element);
        }
        catch (CryptographicException ex)
        {
            return $"unreadable ds:Signature: {ex.Message}";
        }

        if (!SignatureMethods.Contains(signed.SignatureMethod ?? ""))
        {
            return $"signature method {signed.SignatureMethod} not accepted (RSA with SHA-256, -384 or -512)";
        }

        if (signed.SignedInfo!.References.Count != 1 || signed.SignedInfo.References[0] is not Reference reference || reference.Uri != "")
        {
            return "the signature must have one reference, URI=\"\" (the whole alert)";
        }

        if (!DigestMethods.Contains(reference.DigestMethod ?? ""))
        {
            return $"digest method {reference.DigestMethod} not accepted (SHA-256, -384 or -512)";
        }

        var chain = reference.TransformChain;
        if (Enumerable.Range(0, chain.Count).Select(i => chain[i].Algorithm ?? "").FirstOrDefault(a => !Transforms.Contains(a)) is { } transform)
        {
            return $"transform {transform} not accepted (enveloped signature and canonicalization only)";
        }

        try
        {
            return signed.CheckSignature(key) ? null : "the signature does not verify with the key registered for this sender";
        }
        catch (CryptographicException ex)
        {
            return $"the signature could not be checked: {ex.Message}";
        }
    }

    /// <summary>As <see cref="CapParser.ReaderSettings"/> (no DTD, no resolver, bounded) but keeping comments and PIs, which the signature may cover.</summary>
    private static XmlReaderSettings Settings(int maxBytes) => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersFromEntities = 1024,
        MaxCharactersInDocument = Math.Max(maxBytes, 1),
        CloseInput = true,
    };
}
