using Microsoft.Extensions.Logging.Abstractions;
using TanKy.Hub.Media;

namespace TanKy.Hub.Tests.Media;

/// <summary>
/// Issue #17: background import jobs are kept in the database for <see cref="MediaImportJobs.Retention"/>
/// after they finish (on the hub's clock, here a FakeTimeProvider), and a start-up recovery settles the
/// jobs a restart interrupted.
/// </summary>
public sealed class ImportJobRetention_Tests : IDisposable
{
    private readonly MediaTestBed _bed = new();
    private readonly MediaImportJobs _jobs;
    private readonly MediaImportJobRepository _rows;

    public ImportJobRetention_Tests()
    {
        _jobs = new MediaImportJobs(_bed.Library, _bed.Dir.Db, _bed.Dir.Time, NullLogger<MediaImportJobs>.Instance);
        _rows = new MediaImportJobRepository(_bed.Dir.Db);
    }

    public void Dispose()
    {
        _jobs.Dispose();
        _bed.Dispose();
    }

    [Fact]
    public void Finished_jobs_are_pruned_seven_days_after_they_finished_and_unfinished_ones_stay()
    {
        var start = Now;
        Save(Job("imp_old", MediaImportState.Failed, "van-hoa") with { FinishedAt = start, Error = "IOException" });
        Save(Job("imp_pending", MediaImportState.Queued, "van-hoa"));
        _bed.Dir.Time.Advance(TimeSpan.FromDays(3));
        Save(Job("imp_newer", MediaImportState.Failed, "truong-khoi") with { FinishedAt = Now, Error = "IOException" });
        _bed.Dir.Time.Advance(TimeSpan.FromDays(4));

        _jobs.Prune().Should().Be(0, "imp_old finished exactly seven days ago");
        _bed.Dir.Time.Advance(TimeSpan.FromMilliseconds(1));
        _jobs.Prune().Should().Be(1);

        _jobs.Get("imp_old").Should().BeNull();
        _jobs.Get("imp_pending")!.State.Should().Be(MediaImportState.Queued);
        _jobs.Kept(null).Select(j => j.Id).Should().Equal("imp_newer", "imp_pending");
        _jobs.Kept("van-hoa").Select(j => j.Id).Should().Equal("imp_pending");
    }

    [Fact]
    public void Recovery_fails_an_interrupted_job_whose_upload_is_gone_and_removes_spooled_files_no_job_owns()
    {
        Save(Job("imp_lost", MediaImportState.Running, "van-hoa") with { StartedAt = Now });
        var orphan = Path.Combine(_bed.MediaRoot, ".jobs", "imp_never_saved.upload");
        Directory.CreateDirectory(Path.GetDirectoryName(orphan)!);
        File.WriteAllBytes(orphan, [1, 2, 3]);
        _bed.Dir.Time.Advance(TimeSpan.FromMinutes(5));

        _jobs.Recover();

        var job = _jobs.Get("imp_lost")!;
        job.State.Should().Be(MediaImportState.Failed);
        job.FailureKey.Should().Be(MediaImportJobs.RestartedKey);
        job.FinishedAt.Should().Be(Now);
        _jobs.Recent("van-hoa").Select(j => j.Id).Should().Equal("imp_lost");
        File.Exists(orphan).Should().BeFalse();
        _bed.Library.List().Should().BeEmpty();
    }

    [Fact]
    public void A_refused_job_reads_back_with_its_code_and_the_detail_meant_for_people()
    {
        var refusal = MediaImportResult.Refused(new MediaRejection(MediaRejectionReason.TooLong, "limit 1800 s", new Hub.Shared.Text.TextMessage("api2.media.limit-minutes", "30")));
        Save(Job("imp_long", MediaImportState.Refused, "van-hoa") with { FinishedAt = Now, Result = refusal });

        var rejection = _jobs.Get("imp_long")!.Result!.Rejection!;

        rejection.Code.Should().Be("too-long");
        rejection.Detail.Should().Be("limit 1800 s");
        rejection.Text("vi").Should().Be(refusal.Rejection!.Text("vi")).And.Contain("30");
    }

    private DateTimeOffset Now => _bed.Dir.Time.GetUtcNow();

    private MediaImportJob Job(string id, MediaImportState state, string by) =>
        new(id, state, id + ".wav", "Bản tin " + id, by, 1000, Now);

    private void Save(MediaImportJob job) => _rows.Save(job, Now);
}
