using System.Security.Cryptography;
using System.Security.Cryptography.Xml;
using System.Text;
using System.Xml;

namespace TanKy.Hub.Tests.Emergency;

/// <summary>
/// Signs CAP samples as a provincial system would: an enveloped XML-DSig signature over the whole
/// alert (URI=""), exclusive canonicalization, RSA-SHA256, with a throwaway key made by the test.
/// </summary>
internal static class CapSigning
{
    public static RSA NewKey() => RSA.Create(2048);

    public static string PublicKeyPem(RSA key) => key.ExportSubjectPublicKeyInfoPem();

    public static string Sign(string xml, RSA key, string referenceUri = "")
    {
        var doc = new XmlDocument { PreserveWhitespace = true };
        doc.LoadXml(xml.TrimStart());
        var signed = new SignedXml(doc) { SigningKey = key };
        signed.SignedInfo!.SignatureMethod = SignedXml.XmlDsigRSASHA256Url;
        signed.SignedInfo.CanonicalizationMethod = SignedXml.XmlDsigExcC14NTransformUrl;
        var reference = new Reference(referenceUri) { DigestMethod = SignedXml.XmlDsigSHA256Url };
        reference.AddTransform(new XmlDsigEnvelopedSignatureTransform());
        reference.AddTransform(new XmlDsigExcC14NTransform());
        signed.AddReference(reference);
        signed.ComputeSignature();
        doc.DocumentElement!.AppendChild(doc.ImportNode(signed.GetXml(), deep: true));
        return doc.OuterXml;
    }

    public static byte[] Bytes(string xml) => Encoding.UTF8.GetBytes(xml);
}
