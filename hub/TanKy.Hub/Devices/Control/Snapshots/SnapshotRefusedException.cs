namespace TanKy.Hub.Devices.Control.Snapshots;

/// <summary>Why an upload was refused, with the HTTP status it maps to.</summary>
internal sealed class SnapshotRefusedException(int statusCode, string title, string detail) : Exception(detail)
{
    public int StatusCode { get; } = statusCode;

    public string Title { get; } = title;
}
