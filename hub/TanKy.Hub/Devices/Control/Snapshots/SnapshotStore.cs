using System.Net.Http.Headers;
using System.Text;
using Dapper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TanKy.Hub.Devices.Control.Commands;
using TanKy.Hub.Devices.Control.Validation;
using TanKy.Hub.Shared.Data;
using TanKy.Hub.Broker;

namespace TanKy.Hub.Devices.Control.Snapshots;

/// <summary>
/// Camera snapshots. A camera uploads over HTTP with its own credentials, only in answer to a
/// pending <c>snapshot</c> command sent to it; the hub checks size and real image type before
/// anything touches the disk, and keeps the file under <c>data/snapshots/{device}/</c>.
/// </summary>
public sealed class SnapshotStore(Database db, CommandLedger commands, IDeviceAuthenticator devices, IOptions<ControlOptions> options, TimeProvider time, ILogger<SnapshotStore> logger)
{
    public long MaxBytes => options.Value.SnapshotMaxBytes;

    /// <summary>Checks and stores one upload; throws <see cref="SnapshotRefusedException"/> with the HTTP status to answer.</summary>
    public async Task<SnapshotRecord> AcceptAsync(string deviceId, string commandId, string? authorization, string? contentType, long? contentLength, Stream body, CancellationToken cancellationToken)
    {
        var uploader = Authenticate(authorization);
        if (uploader != deviceId)
        {
            logger.LogWarning("Device {Uploader} tried to upload a snapshot for {DeviceId}", uploader, deviceId);
            throw new SnapshotRefusedException(403, "api.forbidden", $"device '{uploader}' may upload only its own snapshots");
        }

        if (!commands.IsPending(commandId, deviceId, CommandCatalog.Snapshot))
        {
            logger.LogWarning("Device {DeviceId} uploaded a snapshot for {CommandId}, which is no pending snapshot request to it", deviceId, commandId);
            throw new SnapshotRefusedException(403, "api2.snapshot.no-request", $"'{commandId}' is not a pending snapshot request to '{deviceId}'");
        }

        var declared = MediaTypeHeaderValue.TryParse(contentType, out var media) ? media.MediaType : null;
        if (declared is not (ImageSignature.Jpeg or ImageSignature.Png))
        {
            throw new SnapshotRefusedException(415, "api2.snapshot.bad-type", $"content type '{contentType}' is not image/jpeg or image/png");
        }

        if (contentLength > MaxBytes)
        {
            throw new SnapshotRefusedException(413, "api.device.image-too-large", $"{contentLength} bytes; the limit is {MaxBytes}");
        }

        var data = await ReadCappedAsync(body, cancellationToken);
        var actual = ImageSignature.Detect(data);
        if (actual != declared)
        {
            throw new SnapshotRefusedException(415, "api2.snapshot.bad-type", $"the content is not {declared} (its first bytes say {actual ?? "neither JPEG nor PNG"})");
        }

        return Store(deviceId, commandId, declared, data);
    }

    public SnapshotRecord? Get(string commandId)
    {
        using var c = db.Open();
        return c.QuerySingleOrDefault<Row>("SELECT command_id AS CommandId, device_id AS DeviceId, content_type AS ContentType, bytes, file, uploaded_at AS UploadedAt FROM device_snapshots WHERE command_id = @commandId", new { commandId })?.ToRecord();
    }

    public IReadOnlyList<SnapshotRecord> List(string deviceId, int limit = 50)
    {
        using var c = db.Open();
        return c.Query<Row>("SELECT command_id AS CommandId, device_id AS DeviceId, content_type AS ContentType, bytes, file, uploaded_at AS UploadedAt FROM device_snapshots WHERE device_id = @deviceId ORDER BY uploaded_at DESC LIMIT @limit", new { deviceId, limit })
            .Select(r => r.ToRecord()).ToList();
    }

    public string FilePath(SnapshotRecord record) =>
        Path.Combine(db.DataDir, "snapshots", record.DeviceId, record.CommandId + ImageSignature.Extension(record.ContentType));

    private string Authenticate(string? authorization)
    {
        if (authorization is null || !authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            throw new SnapshotRefusedException(401, "api2.snapshot.unauthenticated", "use HTTP Basic with the device id and secret");
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(authorization[6..].Trim()));
        }
        catch (FormatException)
        {
            throw new SnapshotRefusedException(401, "api2.snapshot.unauthenticated", "malformed Basic credentials");
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        var access = colon > 0 ? devices.Authenticate(decoded[..colon], decoded[(colon + 1)..]) : null;
        if (access is null)
        {
            // Never log the secret, only the id tried.
            logger.LogWarning("Refused snapshot upload credentials for {DeviceId}", colon > 0 ? decoded[..colon] : "?");
            throw new SnapshotRefusedException(401, "api2.snapshot.unauthenticated", "unknown device or wrong secret");
        }

        return access.DeviceId;
    }

    private async Task<byte[]> ReadCappedAsync(Stream body, CancellationToken cancellationToken)
    {
        // Without a Content-Length (chunked) the cap is enforced while reading.
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int n;
        while ((n = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + n > MaxBytes)
            {
                throw new SnapshotRefusedException(413, "api.device.image-too-large", $"more than {MaxBytes} bytes");
            }

            buffer.Write(chunk, 0, n);
        }

        return buffer.ToArray();
    }

    private SnapshotRecord Store(string deviceId, string commandId, string contentType, byte[] data)
    {
        var record = new SnapshotRecord(commandId, deviceId, contentType, data.Length, time.GetUtcNow());
        var path = FilePath(record);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + ".part";
        File.WriteAllBytes(temp, data);
        using var c = db.Open();
        using var tx = c.BeginTransaction();
        if (c.ExecuteScalar<long>("SELECT COUNT(*) FROM device_snapshots WHERE command_id = @commandId", new { commandId }, tx) > 0)
        {
            File.Delete(temp);
            throw new SnapshotRefusedException(409, "api2.snapshot.already", $"a snapshot for '{commandId}' is already stored");
        }

        // File first, row second: a crash leaves at worst an orphan file, never a row without its image.
        File.Move(temp, path, overwrite: true);
        c.Execute(
            "INSERT INTO device_snapshots(command_id, device_id, content_type, bytes, file, uploaded_at) VALUES (@commandId, @deviceId, @contentType, @bytes, @file, @at)",
            new { commandId, deviceId, contentType, bytes = data.Length, file = Path.GetRelativePath(db.DataDir, path), at = record.UploadedAt.ToUnixTimeMilliseconds() },
            tx);
        tx.Commit();
        logger.LogInformation("Stored snapshot {CommandId} from {DeviceId}: {Bytes} bytes {ContentType}", commandId, deviceId, data.Length, contentType);
        return record;
    }

    private sealed class Row
    {
        public string CommandId { get; set; } = "";

        public string DeviceId { get; set; } = "";

        public string ContentType { get; set; } = "";

        public long Bytes { get; set; }

        public string File { get; set; } = "";

        public long UploadedAt { get; set; }

        public SnapshotRecord ToRecord() => new(CommandId, DeviceId, ContentType, Bytes, DateTimeOffset.FromUnixTimeMilliseconds(UploadedAt));
    }
}
