using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using TanKy.Hub.Devices;
using TanKy.Hub.Media;
using TanKy.Hub.Schedules.Parsing;
using TanKy.Hub.Tests.Support;

namespace TanKy.Hub.Tests.Schedules;

/// <summary>
/// A data directory with four hamlets, one speaker each, clips with known ids and durations, and
/// an empty schedule folder. The clock starts on Monday 2026-04-27 00:00 in Tân Kỳ; Thursday
/// 30 April and Friday 1 May are public holidays.
/// </summary>
internal sealed class ScheduleTestBed : IDisposable
{
    public static readonly DateTimeOffset Monday = new(2026, 4, 27, 0, 0, 0, TimeSpan.FromHours(7));

    private readonly TempDataDir _dir = new();
    private readonly Dictionary<string, string> _secrets = new(StringComparer.Ordinal);

    public ScheduleTestBed()
    {
        Folder = Directory.CreateDirectory(System.IO.Path.Combine(_dir.Path, "schedules")).FullName;
        Library = new MediaLibrary(_dir.Db, Microsoft.Extensions.Options.Options.Create(new MediaOptions()), Time, NullLogger<MediaLibrary>.Instance);
        foreach (var zone in new[] { "khoi-1", "khoi-2", "khoi-3", "xom-5" })
        {
            _dir.Zones.Add(zone, zone);
            _secrets["loa-" + zone] = _dir.Devices.Add(new NewDevice("loa-" + zone, Protocol.DeviceKind.Speaker, [zone], "Loa " + zone));
        }

        AddMedia("m-nhachieudn", 10);
        AddMedia("m-bantinsang", 600);
        AddMedia("m-bantintoi2", 900);
        AddMedia("m-tinhuyen26", 300);
        AddMedia("m-thongbaok3", 120);
    }

    public FakeTimeProvider Time { get; } = new(Monday);

    public TempDataDir Dir => _dir;

    public string Path => _dir.Path;

    public string Folder { get; }

    public MediaLibrary Library { get; }

    public ScheduleReferences Refs => ScheduleReferences.From(_dir.Zones, _dir.Devices, Library);

    public string SecretOf(string deviceId) => _secrets[deviceId];

    /// <summary>Stores a clip row with a stream file of <paramref name="seconds"/> of pretend audio.</summary>
    public void AddMedia(string id, double seconds)
    {
        var bytes = new byte[1000 + (int)seconds];
        Random.Shared.NextBytes(bytes);
        var dir = Directory.CreateDirectory(Library.ItemDirectory(id)).FullName;
        File.WriteAllBytes(System.IO.Path.Combine(dir, MediaStore.StreamFileName), bytes);
        var item = new MediaItem(id, id, (long)(seconds * 1000), Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N"), id + ".wav", "wav", bytes.Length, 48000, 1,
            -20, -16, -16, 4, -3, (long)(seconds * 48000), (int)(seconds * 50), 312, 24000, bytes.Length, "test", Time.GetUtcNow());
        new MediaRepository(_dir.Db).TryInsert(item).Should().BeTrue();
    }

    public string Write(string name, string yaml)
    {
        var path = System.IO.Path.Combine(Folder, name);
        File.WriteAllText(path, yaml);
        return path;
    }

    public ScheduleLoadResult Load(DateTimeOffset? now = null) =>
        ScheduleLoader.Load(ScheduleSource.ReadFolder(Folder), Refs, now ?? Time.GetUtcNow(), TimeSpan.FromDays(56));

    public void Dispose() => _dir.Dispose();
}
