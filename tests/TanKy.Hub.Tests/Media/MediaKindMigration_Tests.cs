using Dapper;
using TanKy.Hub.Media;
using TanKy.Hub.Shared.Data;

namespace TanKy.Hub.Tests.Media;

/// <summary>V16 gives clips a kind: speech stored by an older hub is found by its <c>speech.wav</c> name, everything else stays a clip.</summary>
public sealed class MediaKindMigration_Tests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "tanky-v16-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Clips_of_an_older_database_get_their_kind_and_keep_every_field()
    {
        Directory.CreateDirectory(_dir);
        var db = new Database(_dir);
        var v16 = Migrations.All.ToList().IndexOf(TanKy.Hub.Shared.Data.Schema.V16MediaKind.Sql);
        v16.Should().BePositive();
        using (var c = db.Open())
        {
            for (var i = 0; i < v16; i++)
            {
                c.Execute(Migrations.All[i]);
            }

            c.Execute($"PRAGMA user_version={v16}");
            foreach (var (id, name) in new[] { ("m-aaaaaaaaaa", "ban-tin.wav"), ("m-bbbbbbbbbb", "speech.wav") })
            {
                c.Execute("""
                    INSERT INTO media (id, title, duration_ms, sha256, original_name, original_format, size_bytes, source_sample_rate, source_channels,
                                       loudness_lufs_before, loudness_lufs_after, loudness_lufs_stream, gain_db, peak_dbfs_before, samples, frames, pre_skip,
                                       bitrate, stream_bytes, uploaded_by, uploaded_at)
                    VALUES (@id, 'Bản tin', 374000, @id, @name, 'wav', 10, 48000, 1, -20, -16, -16.2, 4, -3, 100, 5, 312, 24000, 10, 'van-hoa', 0)
                    """, new { id, name });
            }
        }

        db.Migrate();

        var library = new MediaLibrary(db, Microsoft.Extensions.Options.Options.Create(new MediaOptions()), TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<MediaLibrary>.Instance);
        library.List().Should().ContainSingle().Which.Should().Match<MediaItem>(m => m.Id == "m-aaaaaaaaaa" && m.Kind == MediaKind.Clip && m.DurationMs == 374000);
        library.List(MediaKind.Speech).Should().ContainSingle().Which.Id.Should().Be("m-bbbbbbbbbb");
        using var after = db.Open();
        var wrongKind = () => after.Execute("UPDATE media SET kind = 'other'");
        wrongKind.Should().Throw<Microsoft.Data.Sqlite.SqliteException>("the kind is clip or speech");
        after.ExecuteScalar<string>("PRAGMA integrity_check").Should().Be("ok");
    }
}
