namespace TanKy.Hub.Media.Speech;

/// <summary>Speech synthesis settings (section <c>Speech</c>).</summary>
public sealed class SpeechOptions
{
    public const string Section = "Speech";

    /// <summary>The espeak-ng executable (Debian package <c>espeak-ng</c>). A bare name is looked up in PATH.</summary>
    public string Executable { get; set; } = "espeak-ng";

    /// <summary>espeak-ng voice: <c>vi</c> (northern), <c>vi-vn-x-central</c> (closest to Nghệ An speech), <c>vi-vn-x-south</c>.</summary>
    public string Voice { get; set; } = "vi-vn-x-central";

    /// <summary>Words per minute. Slower than espeak's 175: loudspeakers echo between houses.</summary>
    public int WordsPerMinute { get; set; } = 140;

    /// <summary>Pitch 0–99 (espeak default 50).</summary>
    public int Pitch { get; set; } = 50;

    /// <summary>Amplitude 0–200 (espeak default 100); the media pipeline normalises loudness anyway.</summary>
    public int Amplitude { get; set; } = 100;

    /// <summary>Longest accepted text, in characters (after normalisation).</summary>
    public int MaxCharacters { get; set; } = 1000;

    /// <summary>A hung engine must not hold an emergency: the run is killed after this.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Executable))
        {
            problems.Add("Speech:Executable is empty");
        }

        if (string.IsNullOrWhiteSpace(Voice) || Voice.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '+' or '/')))
        {
            problems.Add("Speech:Voice must be an espeak-ng voice name such as vi or vi-vn-x-central");
        }

        if (WordsPerMinute is < 80 or > 450 || Pitch is < 0 or > 99 || Amplitude is < 0 or > 200)
        {
            problems.Add("Speech:WordsPerMinute must be 80–450, Pitch 0–99, Amplitude 0–200");
        }

        if (MaxCharacters is < 1 or > 20_000 || Timeout <= TimeSpan.Zero)
        {
            problems.Add("Speech:MaxCharacters must be 1–20000 and Timeout positive");
        }

        return problems;
    }
}
