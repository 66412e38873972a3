using Dapper;
using TanKy.Hub.Media;
using TanKy.Hub.Media.Demo;
using TanKy.Hub.Tests.Schedules;
using TanKy.Hub.Tests.Support;

namespace TanKy.Hub.Tests.Media;

/// <summary>The demo's stand-in clips read as what they stand for, each with its own Vietnamese title (issue #17).</summary>
public sealed class DemoClipTitles_Tests : IDisposable
{
    private readonly TempDataDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private MediaLibrary Library() => new(_dir.Db, Microsoft.Extensions.Options.Options.Create(new MediaOptions()), _dir.Time, Microsoft.Extensions.Logging.Abstractions.NullLogger<MediaLibrary>.Instance);

    [Fact]
    public void Every_demo_clip_of_the_sample_programme_has_a_distinct_Vietnamese_title_without_its_id()
    {
        DemoMedia.Provision(_dir.Db, SampleProgramme_Tests.Folder());

        var clips = Library().List();
        clips.Should().HaveCount(SampleProgramme_Tests.Clips.Count);
        clips.Select(m => m.Title).Should().OnlyHaveUniqueItems();
        clips.Should().OnlyContain(m => !m.Title.Contains(m.Id, StringComparison.Ordinal) && !m.Title.Contains("demo", StringComparison.OrdinalIgnoreCase) && !m.Title.StartsWith("Âm thanh mẫu", StringComparison.Ordinal));
        clips.Single(m => m.Id == "m-nhachieudn").Title.Should().Be("Nhạc hiệu đầu giờ");
        clips.Single(m => m.Id == "m-tiemphong2").Title.Should().Be("Thông báo lịch tiêm phòng gia súc Xóm 5");
        clips.Single(m => m.Id == "m-nhachieudn").DurationMs.Should().Be(5000, "a chime is short");
    }

    [Fact]
    public void Stand_ins_an_older_demo_titled_by_id_are_renamed_and_an_officer_s_own_title_is_kept()
    {
        DemoMedia.Provision(_dir.Db, SampleProgramme_Tests.Folder());
        using (var c = _dir.Db.Open())
        {
            c.Execute("UPDATE media SET title = 'Âm thanh mẫu (demo) ' || id");
            c.Execute("UPDATE media SET title = 'Bản tin sáng 7/12 (thu âm lại)' WHERE id = 'm-bantinsang'");
        }

        DemoMedia.Provision(_dir.Db, SampleProgramme_Tests.Folder()).Should().Be(0);

        var library = Library();
        library.Get("m-tinhuyen26")!.Title.Should().Be("Bản tin huyện Tân Kỳ");
        library.Get("m-bantinsang")!.Title.Should().Be("Bản tin sáng 7/12 (thu âm lại)");
        library.List().Should().NotContain(m => m.Title.StartsWith(DemoClipCatalogue.OldTitlePrefix, StringComparison.Ordinal));
    }

    [Fact]
    public void A_clip_id_the_table_does_not_know_gets_a_numbered_title()
    {
        DemoClipCatalogue.Load().For("m-khongcoten", 12).Title.Should().Be("Âm thanh mẫu số 12");
    }
}
