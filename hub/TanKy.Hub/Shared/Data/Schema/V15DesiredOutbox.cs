namespace TanKy.Hub.Shared.Data.Schema;

/// <summary>
/// Desired state as an outbox (issue #15): the registry and the CLI write a desired row in the
/// same transaction as the change it follows (zones of a speaker), and the running hub publishes
/// every row whose <c>version</c> is above <c>published_version</c> — at once for its own changes,
/// on every MQTT (re)connection, and by a short poll for rows another process (the CLI) wrote.
/// Existing rows start unpublished (0), so the first hub start after the upgrade sends them once more.
/// </summary>
internal static class V15DesiredOutbox
{
    public const string Sql = """
        ALTER TABLE desired_state ADD COLUMN published_version INTEGER NOT NULL DEFAULT 0;
        CREATE INDEX desired_state_unpublished ON desired_state(device_id) WHERE version > published_version;
        """;
}
