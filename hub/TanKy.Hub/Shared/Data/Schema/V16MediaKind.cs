namespace TanKy.Hub.Shared.Data.Schema;

/// <summary>
/// Schema version 16 (issue #17): a clip's <c>kind</c>. Text-to-speech announcements
/// (<c>speech</c>) are kept apart from uploaded clips (<c>clip</c>) so they do not flood the
/// library and the clip pickers. Speech stored before this version is recognised by the file
/// name the synthesiser path has always given it (<c>speech.wav</c>).
/// </summary>
internal static class V16MediaKind
{
    public const string Sql = """
        ALTER TABLE media ADD COLUMN kind TEXT NOT NULL DEFAULT 'clip' CHECK (kind IN ('clip', 'speech'));
        UPDATE media SET kind = 'speech' WHERE original_name = 'speech.wav';
        CREATE INDEX media_kind_uploaded_at ON media(kind, uploaded_at);
        """;
}
