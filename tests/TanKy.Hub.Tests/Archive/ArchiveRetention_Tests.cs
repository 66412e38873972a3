using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TanKy.Hub.Broadcasts.Archive;

namespace TanKy.Hub.Tests.Archive;

public sealed class ArchiveRetention_Tests : IDisposable
{
    private readonly ArchiveFixture _f = new(new ArchiveOptions { RetentionDays = 30 });

    public void Dispose() => _f.Dispose();

    [Fact]
    public async Task Recordings_older_than_the_retention_go_oldest_first_and_the_index_follows()
    {
        var first = await _f.RecordAsync("bc-day-0");
        _f.Dir.Time.Advance(TimeSpan.FromDays(10));
        var second = await _f.RecordAsync("bc-day-10");
        _f.Dir.Time.Advance(TimeSpan.FromDays(10));
        var third = await _f.RecordAsync("bc-day-20");

        _f.Dir.Time.Advance(TimeSpan.FromDays(11));
        var pass1 = _f.Retention.RunOnce();

        pass1.Should().Be(new RetentionResult(1, first.SizeBytes!.Value, 0));
        File.Exists(_f.Archive.GetFullPath(first)).Should().BeFalse();
        Directory.Exists(Path.Combine(_f.Dir.Path, "archive", "2026", "11", "28")).Should().BeFalse("emptied day folders go too");
        Ids().Should().Equal("bc-day-20", "bc-day-10");

        _f.Dir.Time.Advance(TimeSpan.FromDays(10));
        _f.Retention.RunOnce().Deleted.Should().Be(1);
        File.Exists(_f.Archive.GetFullPath(second)).Should().BeFalse();
        File.Exists(_f.Archive.GetFullPath(third)).Should().BeTrue();
        Ids().Should().Equal("bc-day-20");

        _f.Retention.RunOnce().Deleted.Should().Be(0, "a second pass the same day has nothing to do");
    }

    [Fact]
    public async Task The_size_cap_removes_the_oldest_until_the_archive_fits()
    {
        var rows = new List<ArchiveRecord>();
        for (var i = 0; i < 4; i++)
        {
            rows.Add(await _f.RecordAsync($"bc-{i}"));
            _f.Dir.Time.Advance(TimeSpan.FromHours(1));
        }

        _f.Options.MaxTotalBytes = rows[2].SizeBytes + rows[3].SizeBytes;
        var result = _f.Retention.RunOnce();

        result.Deleted.Should().Be(2);
        result.FreedBytes.Should().Be(rows[0].SizeBytes + rows[1].SizeBytes);
        Ids().Should().Equal("bc-3", "bc-2");
        File.Exists(_f.Archive.GetFullPath(rows[1])).Should().BeFalse();
        File.Exists(_f.Archive.GetFullPath(rows[2])).Should().BeTrue();
    }

    [Fact]
    public async Task A_file_already_gone_is_logged_and_its_row_removed()
    {
        var row = await _f.RecordAsync("bc-lost");
        File.Delete(_f.Archive.GetFullPath(row));
        _f.Dir.Time.Advance(TimeSpan.FromDays(31));

        _f.Retention.RunOnce().Should().Be(new RetentionResult(1, row.SizeBytes!.Value, 1));

        Ids().Should().BeEmpty();
        _f.RetentionLog.Lines.Should().Contain(l => l.Level == LogLevel.Warning && l.Message.Contains("archive/2026/11/28/bc-lost.opus", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_recording_in_progress_is_never_deleted()
    {
        await using var live = await _f.Archive.BeginAsync(ArchiveFixture.Entry("bc-long"));
        await live.AppendAsync(ArchiveFixture.OneSecond.Packets[0], 960);
        _f.Dir.Time.Advance(TimeSpan.FromDays(400));

        _f.Retention.RunOnce().Deleted.Should().Be(0);

        File.Exists(live.FullPath).Should().BeTrue();
    }

    [Fact]
    public async Task The_background_service_runs_at_start_and_then_daily_on_the_injected_clock()
    {
        var passes = new List<TaskCompletionSource<RetentionResult>> { new(), new() };
        var count = 0;
        _f.Retention.PassCompleted += r => passes[Math.Min(Interlocked.Increment(ref count), 2) - 1].TrySetResult(r);
        _f.Options.RetentionDays = 1;
        await _f.RecordAsync("bc-today");

        await _f.Retention.StartAsync(CancellationToken.None);
        try
        {
            (await passes[0].Task.WaitAsync(TimeSpan.FromSeconds(10))).Deleted.Should().Be(0);
            _f.Dir.Time.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
            (await passes[1].Task.WaitAsync(TimeSpan.FromSeconds(10))).Deleted.Should().Be(1);
        }
        finally
        {
            await _f.Retention.StopAsync(CancellationToken.None);
        }

        Ids().Should().BeEmpty();
    }

    [Fact]
    public void AddArchive_binds_the_Archive_section_and_validates_it()
    {
        var provider = Services(new() { ["Archive:RetentionDays"] = "90", ["Archive:MaxTotalBytes"] = "5000000000" });

        provider.GetRequiredService<IOptions<ArchiveOptions>>().Value.Should().BeEquivalentTo(
            new ArchiveOptions { RetentionDays = 90, MaxTotalBytes = 5_000_000_000 });
        provider.GetRequiredService<IBroadcastArchive>().Should().BeSameAs(provider.GetRequiredService<BroadcastArchive>());
        provider.GetServices<IHostedService>().Should().ContainSingle(s => s is ArchiveRetention);

        var invalid = Services(new() { ["Archive:RetentionDays"] = "0" });
        var act = () => invalid.GetRequiredService<IOptions<ArchiveOptions>>().Value;
        act.Should().Throw<OptionsValidationException>().WithMessage("*RetentionDays*");
    }

    private ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(_f.Dir.Db);
        services.AddArchive(config);
        return services.BuildServiceProvider();
    }

    private List<string> Ids() => _f.Archive.List(new ArchiveQuery()).Select(r => r.BroadcastId).ToList();
}
