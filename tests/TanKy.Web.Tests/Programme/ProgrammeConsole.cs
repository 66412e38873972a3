using TanKy.Hub.Media;
using TanKy.Hub.Schedules;
using TanKy.Hub.Tests.Support;
using TanKy.Web.Tests.Support;

namespace TanKy.Web.Tests.Programme;

/// <summary>
/// A <see cref="ConsoleHub"/> whose schedule folder is a fresh temp folder, with real clips in its
/// media library (tones through the real import: loudness, Opus), for the programme and broadcast pages.
/// </summary>
internal sealed class ProgrammeConsole : IAsyncDisposable
{
    private ProgrammeConsole(ConsoleHub hub, string folder)
    {
        Hub = hub;
        Folder = folder;
    }

    public ConsoleHub Hub { get; }

    public string Folder { get; }

    public static async Task<ProgrammeConsole> StartAsync(bool withDevices = false)
    {
        var folder = Directory.CreateTempSubdirectory("tanky-schedules-").FullName;
        var hub = await ConsoleHub.StartAsync(withDevices: withDevices, settings: new Dictionary<string, string>
        {
            ["Schedules:Directory"] = folder,
            ["Schedules:Debounce"] = "00:00:00.1",
        });
        return new ProgrammeConsole(hub, folder);
    }

    /// <summary>A clip of a tone, imported like an upload; returns its media id.</summary>
    public async Task<string> AddClipAsync(string title, double seconds, double hz = 440)
    {
        using var wav = new MemoryStream(ToneWav.Create(TimeSpan.FromSeconds(seconds), hz));
        var result = await Hub.Get<MediaLibrary>().ImportAsync(wav, "tone.wav", title, "test", CancellationToken.None);
        result.Succeeded.Should().BeTrue(result.Succeeded ? "" : result.Rejection.Message);
        return result.Item!.Id;
    }

    public ProgrammeStore Store => Hub.Get<ProgrammeStore>();

    public async ValueTask DisposeAsync()
    {
        await Hub.DisposeAsync();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
