namespace TanKy.Hub.Devices.Control.Snapshots;

/// <summary>
/// Why an upload was refused, with the HTTP status it maps to: the title is a text key (shown in
/// the request's language), the detail the camera's technical reason, kept in English for logs.
/// </summary>
internal sealed class SnapshotRefusedException(int statusCode, string titleKey, string detail) : Exception(detail)
{
    public int StatusCode { get; } = statusCode;

    public string TitleKey { get; } = titleKey;
}
