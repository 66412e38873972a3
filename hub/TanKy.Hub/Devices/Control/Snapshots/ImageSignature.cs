namespace TanKy.Hub.Devices.Control.Snapshots;

/// <summary>The image type an upload really is, judged by its first bytes rather than by what the sender claims.</summary>
internal static class ImageSignature
{
    public const string Jpeg = "image/jpeg";
    public const string Png = "image/png";

    private static readonly byte[] JpegMagic = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] PngMagic = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary><see cref="Jpeg"/>, <see cref="Png"/>, or null for anything else.</summary>
    public static string? Detect(ReadOnlySpan<byte> data) =>
        data.StartsWith(JpegMagic) ? Jpeg : data.StartsWith(PngMagic) ? Png : null;

    public static string Extension(string contentType) => contentType == Png ? ".png" : ".jpg";
}
