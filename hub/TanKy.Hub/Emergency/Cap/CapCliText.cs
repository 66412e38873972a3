using TanKy.Hub.Shared.Cli;

namespace TanKy.Hub.Emergency.Cap;

/// <summary>
/// Texts of the <c>cap</c> commands and of the errors they print (Resources/Text/cap.resx), in the
/// command line's language (<c>--lang</c> / <c>TANKY_LANG</c>, Vietnamese by default).
/// </summary>
internal static class CapCliText
{
    public static string Get(string key, params object[] args) => CliText.T(key, args);
}
