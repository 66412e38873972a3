namespace TanKy.Hub.Shared.Data.Schema;

/// <summary>
/// Issue #18: the relay sources (tiếp sóng), upstream streams the hub may air. The URLs are kept in
/// fallback order as a JSON array: they are always read and written together with their source.
/// </summary>
internal static class V20RelaySources
{
    public const string Sql = """
        CREATE TABLE IF NOT EXISTS relay_sources (
            id          TEXT PRIMARY KEY,       -- slug, e.g. vov1 (Identifiers rules)
            name        TEXT NOT NULL,          -- e.g. VOV1 – Thời sự
            urls        TEXT NOT NULL,          -- JSON array of http/https/icecast URLs, first tried first
            created_at  INTEGER NOT NULL
        );
        """;
}
