using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TanKy.Hub.Accounts;
using TanKy.Hub.Devices;
using TanKy.Hub.Media;
using TanKy.Hub.Tests.Support;

namespace TanKy.Bench;

/// <summary>
/// A commune of N speakers in 12 hamlets in a fresh data directory, a stored voice clip
/// (imported through the media library, as <c>media add</c> does), an officer's API token and
/// the simulator's fleet file.
/// </summary>
internal sealed class FanoutCommune : BenchDataDir
{
    public const int ZoneCount = 12;

    private FanoutCommune()
        : base("fanout")
    {
    }

    public IReadOnlyList<string> Zones { get; } = Enumerable.Range(1, ZoneCount).Select(z => $"z-{z}").ToList();

    public MediaItem Clip { get; private set; } = null!;

    public EncodedClip Stream { get; private set; } = null!;

    public static async Task<FanoutCommune> CreateAsync(int speakers, float[] clip)
    {
        var commune = new FanoutCommune();
        var db = commune.Db;
        var time = TimeProvider.System;
        var zones = new ZoneRegistry(db, time);
        var registry = new DeviceRegistry(db, time);
        var file = new CommuneFile();
        foreach (var z in commune.Zones)
        {
            file.Zones.Add(new CommuneFile.ZoneEntry { Id = z, Name = $"Khối {z[2..]}" });
        }

        for (var i = 0; i < speakers; i++)
        {
            file.Devices.Add(new CommuneFile.DeviceEntry
            {
                Id = $"loa-{i.ToString("D5", CultureInfo.InvariantCulture)}",
                Kind = "speaker",
                Zones = [commune.Zones[i % ZoneCount]],
            });
        }

        new DeviceImporter(db, registry, zones).Import(file, "bench");
        new FleetExporter(db, registry).Export(commune.FleetPath, "tan-ky", "127.0.0.1", 1883, tls: false);

        var users = new UserStore(db, time);
        users.Add("van-hoa", Role.Officer, []);
        commune.Token = new TokenService(db, users, time).Create("van-hoa", "bench");

        var library = new MediaLibrary(db, Options.Create(new MediaOptions()), time, NullLogger<MediaLibrary>.Instance);
        using var wav = new MemoryStream(SpeechSignal.ToWav(clip));
        var imported = await library.ImportAsync(wav, "ban-tin.wav", "Bản tin đo", "bench", CancellationToken.None);
        commune.Clip = imported.Item ?? throw new InvalidOperationException($"clip refused: {imported}");
        commune.Stream = library.OpenStream(commune.Clip.Id)!;
        return commune;
    }
}
