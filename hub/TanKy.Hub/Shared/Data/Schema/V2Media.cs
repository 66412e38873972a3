
namespace TanKy.Hub.Shared.Data.Schema;

/// <summary>
/// Schema version 2: the media library. Files live in <c>{DataDir}/media/{id}/</c>; the row is
/// written last, so a row always means complete files (see Media/MediaStore.cs).
/// </summary>
internal static class V2Media
{
    public const string Sql = """
        CREATE TABLE media (
            id                   TEXT PRIMARY KEY,
            title                TEXT NOT NULL,
            duration_ms          INTEGER NOT NULL,
            sha256               TEXT NOT NULL UNIQUE,   -- of the original bytes; duplicates return the existing item
            original_name        TEXT NOT NULL,
            original_format      TEXT NOT NULL,          -- wav | mp3 (by content, not by name)
            size_bytes           INTEGER NOT NULL,
            source_sample_rate   INTEGER NOT NULL,
            source_channels      INTEGER NOT NULL,
            loudness_lufs_before REAL NOT NULL,
            loudness_lufs_after  REAL NOT NULL,          -- measured on the processed audio before encoding
            loudness_lufs_stream REAL NOT NULL,          -- measured on the Opus stream decoded back
            gain_db              REAL NOT NULL,
            peak_dbfs_before     REAL NOT NULL,
            samples              INTEGER NOT NULL,       -- mono 48 kHz samples of the processed audio
            frames               INTEGER NOT NULL,       -- Opus packets in stream.opuspk
            pre_skip             INTEGER NOT NULL,       -- encoder look-ahead to drop after decoding
            codec                TEXT NOT NULL DEFAULT 'opus',
            bitrate              INTEGER NOT NULL,
            stream_bytes         INTEGER NOT NULL,
            uploaded_by          TEXT NOT NULL,
            uploaded_at          INTEGER NOT NULL
        );
        CREATE INDEX media_uploaded_at ON media(uploaded_at);
        """;
}
