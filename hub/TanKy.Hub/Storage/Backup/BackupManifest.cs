namespace TanKy.Hub.Storage.Backup;

/// <summary>The <c>tanky-backup.json</c> entry: when, from which hub and schema, and what is inside.</summary>
internal sealed record BackupManifest(int Format, DateTimeOffset CreatedUtc, string HubVersion, int SchemaVersion, int Files, long Bytes, string DatabaseSha256)
{
    public const int CurrentFormat = 1;
}
