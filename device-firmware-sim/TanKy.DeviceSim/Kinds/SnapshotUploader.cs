using System.Net.Http.Headers;
using System.Text;

namespace TanKy.DeviceSim.Kinds;

/// <summary>
/// Uploads a snapshot the way a camera firmware would: HTTP PUT of the image to the URL the
/// command gave, authenticated with the device's own id and secret (HTTP Basic).
/// </summary>
internal static class SnapshotUploader
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    public static async Task<(bool Ok, string Detail)> UploadAsync(string url, string deviceId, string secret, byte[] image, string contentType, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = new ByteArrayContent(image) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{deviceId}:{secret}")));
        try
        {
            using var response = await Http.SendAsync(request, ct);
            return response.IsSuccessStatusCode ? (true, "") : (false, $"upload refused: {(int)response.StatusCode} {response.ReasonPhrase}");
        }
        catch (HttpRequestException ex)
        {
            return (false, $"upload failed: {ex.Message}");
        }
    }

    /// <summary>A small but well-formed-looking JPEG (SOI, APP0 "JFIF", noise, EOI): enough for type checks and sizes.</summary>
    public static byte[] FakeJpeg(int size)
    {
        var image = new byte[Math.Max(size, 24)];
        Random.Shared.NextBytes(image);
        byte[] head = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0x00];
        head.CopyTo(image, 0);
        image[^2] = 0xFF;
        image[^1] = 0xD9;
        return image;
    }
}
