using System.Formats.Tar;
using System.IO.Compression;
using TanKy.Hub.Storage.Backup;
using TanKy.Hub.Tests.Schedules;
using TanKy.Hub.Tests.Support;

namespace TanKy.Hub.Tests.Storage;

/// <summary><c>tanky-hub backup</c> / <c>restore</c>: online snapshot, equal data, refusals.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class Backup_Tests : IDisposable
{
    private readonly TempDataDir _dir = new();
    private readonly string _work = Path.Combine(Path.GetTempPath(), "tanky-backup-" + Guid.NewGuid().ToString("N")[..10]);

    public Backup_Tests()
    {
        Directory.CreateDirectory(_work);
        _dir.SeedTwoHamlets();
        WriteRandom(Path.Combine(_dir.Path, "media", "m-thongbao.opus"), 150_000);
        WriteRandom(Path.Combine(_dir.Path, "archive", "2026", "11", "b-1.ogg"), 80_000);
    }

    public void Dispose()
    {
        _dir.Dispose();
        Directory.Delete(_work, recursive: true);
    }

    [Fact]
    public async Task Backup_while_the_hub_writes_restores_a_consistent_snapshot_and_then_equal_data()
    {
        using var stop = new CancellationTokenSource();
        long acknowledged = 0;
        var writer = Task.Run(() =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                _dir.Zones.Add($"z-{i}", $"Vùng {i}");
                Interlocked.Exchange(ref acknowledged, i + 1);
            }
        });
        while (Interlocked.Read(ref acknowledged) < 20)
        {
            await Task.Delay(10);
        }

        var before = Interlocked.Read(ref acknowledged);
        var manifest = DataBackup.Create(_dir.Db, Path.Combine(_work, "during.tar.gz"));
        var after = Interlocked.Read(ref acknowledged);
        await stop.CancelAsync();
        await writer;

        manifest.Files.Should().Be(2, "media and archive files besides the database");
        var during = Restore("during.tar.gz");
        var zones = DbDump.Count(Path.Combine(during, "tanky.db"), "zones") - 2;
        zones.Should().BeInRange(before, after + 1, "a snapshot holds every write acknowledged before it started and nothing half-done");
        File.ReadAllBytes(Path.Combine(during, "media", "m-thongbao.opus")).Should().Equal(File.ReadAllBytes(Path.Combine(_dir.Path, "media", "m-thongbao.opus")));

        DataBackup.Create(_dir.Db, Path.Combine(_work, "quiet.tar.gz"));
        var quiet = Restore("quiet.tar.gz");
        DbDump.Of(Path.Combine(quiet, "tanky.db")).Should().Be(DbDump.Of(_dir.Db.FilePath));
        File.ReadAllBytes(Path.Combine(quiet, "archive", "2026", "11", "b-1.ogg")).Should().Equal(File.ReadAllBytes(Path.Combine(_dir.Path, "archive", "2026", "11", "b-1.ogg")));
    }

    [Fact]
    public async Task Restore_refuses_while_the_hub_runs_and_works_once_it_stopped()
    {
        var backup = Path.Combine(_work, "b.tar.gz");
        (await Cli("backup", backup, "--data-dir", _dir.Path)).Should().Be(0);
        _dir.Zones.Add("xom-9", "Xóm 9");

        await using (var hub = await TestHub.StartAsync(_dir.Path))
        {
            (await Cli("restore", backup, "--data-dir", _dir.Path)).Should().Be(1);
            var refused = () => DataRestore.Restore(_dir.Path, backup);
            refused.Should().Throw<InvalidOperationException>().WithMessage("*hub is running*");
            _dir.Zones.Exists("xom-9").Should().BeTrue("a refused restore changes nothing");
        }

        (await Cli("restore", backup, "--data-dir", _dir.Path)).Should().Be(0);
        _dir.Zones.Exists("xom-9").Should().BeFalse("the backup was taken before xom-9 was added");
        _dir.Devices.Get("loa-khoi-1-a").Should().NotBeNull();
        Directory.GetDirectories(_dir.Path, BackupLayout.PreviousPrefix + "*").Should().ContainSingle("the replaced data is kept aside");

        await using var restarted = await TestHub.StartAsync(_dir.Path);
        restarted.Get<TanKy.Hub.Devices.DeviceRegistry>().List().Select(d => d.Id).Should().Equal("loa-khoi-1-a", "loa-xom-3-a");
    }

    [Fact]
    public void A_second_hub_on_the_same_data_directory_is_refused_by_the_lock()
    {
        using var first = DataDirLock.TryAcquire(_dir.Path);
        first.Should().NotBeNull();
        DataDirLock.TryAcquire(_dir.Path).Should().BeNull();
        first!.Dispose();
        using var again = DataDirLock.TryAcquire(_dir.Path);
        again.Should().NotBeNull("the lock goes with its holder");
    }

    [Fact]
    public void An_archive_entry_escaping_the_data_directory_is_refused_and_nothing_changes()
    {
        var backup = Path.Combine(_work, "evil.tar.gz");
        WriteArchive(backup, ("tanky.db", File.ReadAllBytes(Snapshot())), ("../evil.txt", "x"u8.ToArray()), ("tanky-backup.json", "{}"u8.ToArray()));
        var before = DbDump.Of(_dir.Db.FilePath);

        var restore = () => DataRestore.Restore(_dir.Path, backup);

        restore.Should().Throw<InvalidOperationException>().WithMessage("*../evil.txt*");
        File.Exists(Path.Combine(_dir.Path, "..", "evil.txt")).Should().BeFalse();
        DbDump.Of(_dir.Db.FilePath).Should().Be(before);
        Directory.Exists(Path.Combine(_dir.Path, BackupLayout.StagingFolder)).Should().BeFalse();
    }

    [Fact]
    public void A_damaged_database_in_the_backup_fails_integrity_check_and_nothing_changes()
    {
        var db = File.ReadAllBytes(Snapshot());
        db.Length.Should().BeGreaterThan(4 * 4096);
        Array.Fill(db, (byte)0xA5, 4096, db.Length - 2 * 4096);
        var backup = Path.Combine(_work, "damaged.tar.gz");
        WriteArchive(backup, ("tanky.db", db), ("tanky-backup.json", """{"Format":1,"CreatedUtc":"2026-11-28T00:00:00+00:00","HubVersion":"t","SchemaVersion":1,"Files":0,"Bytes":0,"DatabaseSha256":""}"""u8.ToArray()));

        var restore = () => DataRestore.Restore(_dir.Path, backup);

        restore.Should().Throw<InvalidOperationException>().WithMessage("*database*");
        _dir.Devices.Get("loa-xom-3-a").Should().NotBeNull();
        Directory.GetDirectories(_dir.Path, BackupLayout.PreviousPrefix + "*").Should().BeEmpty();
    }

    private string Restore(string name)
    {
        var target = Path.Combine(_work, Path.GetFileNameWithoutExtension(name) + "-restored");
        DataRestore.Restore(target, Path.Combine(_work, name));
        return target;
    }

    /// <summary>A good copy of the test database, from a real backup.</summary>
    private string Snapshot()
    {
        DataBackup.Create(_dir.Db, Path.Combine(_work, "good.tar.gz"));
        return Path.Combine(Restore("good.tar.gz"), "tanky.db");
    }

    private static void WriteArchive(string file, params (string Name, byte[] Data)[] entries)
    {
        using var output = File.Create(file);
        using var gzip = new GZipStream(output, CompressionLevel.Fastest);
        using var tar = new TarWriter(gzip, TarEntryFormat.Pax);
        foreach (var (name, data) in entries)
        {
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(data) });
        }
    }

    private static void WriteRandom(string path, int bytes)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, System.Security.Cryptography.RandomNumberGenerator.GetBytes(bytes));
    }

    private static async Task<int> Cli(params string[] args) => (await HubCliRunner.RunAsync(args)).Code;
}
