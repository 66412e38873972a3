using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace TanKy.Hub.Media.Speech;

/// <summary>
/// The espeak-ng command line. The text never appears here: it goes through stdin as UTF-8, so
/// no shell, quoting or option injection (a text starting with "-") can happen.
/// </summary>
internal static class EspeakCommand
{
    public static ProcessStartInfo StartInfo(SpeechOptions o, string outputWav)
    {
        var psi = new ProcessStartInfo(o.Executable)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
            StandardErrorEncoding = Encoding.UTF8,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var arg in Arguments(o, outputWav))
        {
            psi.ArgumentList.Add(arg);
        }

        return psi;
    }

    public static IReadOnlyList<string> Arguments(SpeechOptions o, string outputWav) =>
    [
        "-v", o.Voice,
        "-s", o.WordsPerMinute.ToString(CultureInfo.InvariantCulture),
        "-p", o.Pitch.ToString(CultureInfo.InvariantCulture),
        "-a", o.Amplitude.ToString(CultureInfo.InvariantCulture),
        "-b", "1", // input is UTF-8
        "-w", outputWav,
        "--stdin",
    ];
}
