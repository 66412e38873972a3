namespace TanKy.Hub.Emergency.Led;

/// <summary>LED headline settings (section <c>Alerts:Led</c>).</summary>
public sealed class LedOptions
{
    public const string Section = "Alerts:Led";

    /// <summary>Longest headline shown; the sample boards scroll one line of about this many characters.</summary>
    public int MaxCharacters { get; set; } = 120;
}
