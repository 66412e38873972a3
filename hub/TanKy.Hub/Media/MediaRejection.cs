using TanKy.Hub.Shared.Text;

namespace TanKy.Hub.Media;

/// <summary>
/// A refused upload: a stable reason code, the text key of what people read (<see cref="Key"/>,
/// Resources/Text/api2.resx) and a detail. <see cref="Explained"/> is a detail meant for people
/// (the limit, what is wrong with the title); <see cref="Detail"/> is the probe's technical
/// diagnosis ("no 'data' chunk"), kept as written for support.
/// </summary>
public sealed record MediaRejection(MediaRejectionReason Reason, string? Detail = null, TextMessage? Explained = null)
{
    /// <summary>Wire code used by the HTTP API and <c>--json</c> output, e.g. <c>wrong-header</c>.</summary>
    public string Code => ToCode(Reason);

    /// <summary>The text key of the refusal, e.g. <c>api2.media.wrong-header</c>.</summary>
    public string Key => "api2.media." + Code;

    /// <summary>English, for logs and test messages; people get <see cref="Key"/> in their language.</summary>
    public string Message => HubText.Default.Get(Key, "en");

    /// <summary>The refusal in <paramref name="language"/>, with the detail meant for people when there is one.</summary>
    public string Text(string language) => Explained is { } e
        ? HubText.Default.Format("api2.media.with-detail", language, HubText.Default.Get(Key, language), HubText.Default.Format(e, language))
        : HubText.Default.Get(Key, language);

    public static string ToCode(MediaRejectionReason reason) => reason switch
    {
        MediaRejectionReason.Empty => "empty",
        MediaRejectionReason.Truncated => "truncated",
        MediaRejectionReason.WrongHeader => "wrong-header",
        MediaRejectionReason.UnsupportedFormat => "unsupported-format",
        MediaRejectionReason.TooLarge => "too-large",
        MediaRejectionReason.TooLong => "too-long",
        MediaRejectionReason.Silent => "silent",
        MediaRejectionReason.Corrupt => "corrupt",
        MediaRejectionReason.InvalidTitle => "invalid-title",
        _ => throw new ArgumentOutOfRangeException(nameof(reason)),
    };

    /// <summary>The reason of a stored <see cref="Code"/>; null for a code this hub does not know.</summary>
    public static MediaRejectionReason? FromCode(string? code) =>
        Enum.GetValues<MediaRejectionReason>().Cast<MediaRejectionReason?>().FirstOrDefault(r => ToCode(r!.Value) == code);

    internal static MediaRejection Empty(string? detail = null) => new(MediaRejectionReason.Empty, detail);

    internal static MediaRejection Truncated(string detail) => new(MediaRejectionReason.Truncated, detail);

    internal static MediaRejection WrongHeader(string detail) => new(MediaRejectionReason.WrongHeader, detail);

    internal static MediaRejection Unsupported(string detail) => new(MediaRejectionReason.UnsupportedFormat, detail);

    internal static MediaRejection TooLarge(long limit) =>
        new(MediaRejectionReason.TooLarge, $"limit {limit} bytes", new TextMessage("api2.media.limit-mb", (limit / (1024 * 1024.0)).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)));

    internal static MediaRejection TooLong(int limitSeconds) =>
        new(MediaRejectionReason.TooLong, $"limit {limitSeconds} s", new TextMessage("api2.media.limit-minutes", (limitSeconds / 60.0).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)));

    internal static MediaRejection Silent() => new(MediaRejectionReason.Silent);

    internal static MediaRejection Corrupt(string detail) => new(MediaRejectionReason.Corrupt, detail);

    internal static MediaRejection InvalidTitle(TextMessage why) => new(MediaRejectionReason.InvalidTitle, why.ToString(), why);
}
