namespace TanKy.Hub.Media;

/// <summary>A refused upload: a stable reason code plus a Vietnamese-first message for people.</summary>
public sealed record MediaRejection(MediaRejectionReason Reason, string Message, string? Detail = null)
{
    /// <summary>Wire code used by the HTTP API and <c>--json</c> output, e.g. <c>wrong-header</c>.</summary>
    public string Code => ToCode(Reason);

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

    internal static MediaRejection Empty(string? detail = null) =>
        new(MediaRejectionReason.Empty, "Tệp rỗng, không có âm thanh / file is empty, no audio", detail);

    internal static MediaRejection Truncated(string detail) =>
        new(MediaRejectionReason.Truncated, "Tệp bị cắt cụt hoặc chưa tải lên hết / file is truncated or incompletely uploaded", detail);

    internal static MediaRejection WrongHeader(string detail) =>
        new(MediaRejectionReason.WrongHeader, "Không phải tệp WAV hoặc MP3 / not a WAV or MP3 file", detail);

    internal static MediaRejection Unsupported(string detail) =>
        new(MediaRejectionReason.UnsupportedFormat, "Định dạng âm thanh không được hỗ trợ (cần PCM 16/24-bit hoặc float 32-bit, 8–48 kHz, mono/stereo) / unsupported audio format", detail);

    internal static MediaRejection TooLarge(long limit) =>
        new(MediaRejectionReason.TooLarge, $"Tệp quá lớn (tối đa {limit / (1024 * 1024.0):0.#} MB) / file too large", $"limit {limit} bytes");

    internal static MediaRejection TooLong(int limitSeconds) =>
        new(MediaRejectionReason.TooLong, $"Bản tin quá dài (tối đa {limitSeconds / 60.0:0.#} phút) / recording too long", $"limit {limitSeconds} s");

    internal static MediaRejection Silent() =>
        new(MediaRejectionReason.Silent, "Tệp chỉ có im lặng / file contains only silence");

    internal static MediaRejection Corrupt(string detail) =>
        new(MediaRejectionReason.Corrupt, "Tệp âm thanh bị hỏng, không giải mã được / audio file is corrupt", detail);

    internal static MediaRejection InvalidTitle(string detail) =>
        new(MediaRejectionReason.InvalidTitle, "Tiêu đề không hợp lệ (1–200 ký tự) / invalid title", detail);
}
