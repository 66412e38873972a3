namespace TanKy.Hub.Web;

/// <summary>HTTP settings (section <c>Http</c>).</summary>
public sealed class WebOptions
{
    public const string Section = "Http";

    /// <summary>Where the API and console listen. Keep it on loopback unless a TLS proxy or certificate is in front.</summary>
    public string Urls { get; set; } = "http://127.0.0.1:8080";
}
