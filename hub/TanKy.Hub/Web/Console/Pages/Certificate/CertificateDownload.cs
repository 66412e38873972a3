using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TanKy.Hub.Web.Https;

namespace TanKy.Hub.Web.Console.Pages.Certificate;

/// <summary>
/// <c>GET /certificate/tanky-ca.crt</c>: the local CA's certificate, DER, as
/// <c>application/x-x509-ca-cert</c> (the type iOS opens as a profile and Android as a CA
/// certificate). Anonymous and on plain HTTP too: a phone needs it before it trusts HTTPS, and it
/// is public anyway. 404 when the hub has no local CA.
/// </summary>
public static class CertificateDownload
{
    public const string Path = "/certificate/tanky-ca.crt";

    public const string ContentType = "application/x-x509-ca-cert";

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet(Path, (CaCertificate ca) => ca.Der is { } der
                ? Results.File(der, ContentType, "tanky-ca.crt")
                : Results.NotFound())
            .AllowAnonymous()
            .ExcludeFromDescription();
}
