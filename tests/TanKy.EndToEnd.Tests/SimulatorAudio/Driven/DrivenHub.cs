using Microsoft.Extensions.Logging.Abstractions;
using MsOptions = Microsoft.Extensions.Options.Options;
using TanKy.Hub.Availability;
using TanKy.Hub.Broadcasts;
using TanKy.Hub.Broadcasts.Arbitration;
using TanKy.Hub.Broadcasts.Archive;
using TanKy.Hub.Broadcasts.Clock;
using TanKy.Hub.Broadcasts.Delivery;
using TanKy.Hub.Broadcasts.Streaming;
using TanKy.Hub.Devices;
using TanKy.Hub.Media;
using TanKy.Hub.Tests.Support;
using TanKy.Hub.Shared;

namespace TanKy.EndToEnd.Tests.SimulatorAudio.Driven;

/// <summary>
/// The hub's broadcasting on a <see cref="DrivenClock"/>: the real media library, broadcast
/// service (arbiter, streams, frame pacer), archive and delivery tracker over a test database,
/// publishing through <see cref="DrivenAirwaves"/> to <see cref="DrivenNode"/>s. The hub's streams
/// are async tasks; <see cref="RunUntilAsync"/> moves the clock only while every one of them is
/// parked on its timer, so each message goes out at its exact time whatever the machine's load.
/// </summary>
internal sealed class DrivenHub : IDisposable
{
    public DrivenHub(DrivenClock clock, BroadcastOptions? options = null)
    {
        Clock = clock;
        Time = new DrivenHubTime(clock.Time);
        Air = new DrivenAirwaves(clock);
        Options = options ?? new BroadcastOptions();
        Library = new MediaLibrary(Dir.Db, MsOptions.Create(new MediaOptions()), Time, NullLogger<MediaLibrary>.Instance);
        Archive = new BroadcastArchive(Dir.Db, Time, MsOptions.Create(new ArchiveOptions { SyncEveryPage = false }), NullLogger<BroadcastArchive>.Instance);
        Live = new LiveStatusTable(Dir.Devices);
        var deliveries = new DeliveryStore(Dir.Db);
        var context = new StreamContext(Air, new HubClock(Time), MsOptions.Create(new HubOptions()), MsOptions.Create(Options), Archive, NullLogger<StreamSession>.Instance);
        Service = new BroadcastService(new ZoneArbiter(Time, Options.Lead), new BroadcastStore(Dir.Db), new DeliveryReporter(deliveries),
            new BroadcastValidator(Dir.Zones, new LibraryMediaPackets(Library)), new DeliveryTargets(Dir.Devices, Live), context, NullLogger<BroadcastService>.Instance);
        Air.Hub(new DeliveryTracker(deliveries, Dir.Devices, NullLogger<DeliveryTracker>.Instance));
        Air.Hub(new ReportedStateRecorder(Dir.Db));
    }

    public DrivenClock Clock { get; }

    public DrivenHubTime Time { get; }

    public DrivenAirwaves Air { get; }

    public TempDataDir Dir { get; } = new();

    public BroadcastOptions Options { get; }

    public MediaLibrary Library { get; }

    public BroadcastArchive Archive { get; }

    public LiveStatusTable Live { get; }

    public BroadcastService Service { get; }

    /// <summary>Registers a speaker in <paramref name="zone"/> and marks it online, as its birth message would.</summary>
    public void AddSpeaker(string id, string zone)
    {
        Dir.Devices.Add(new NewDevice(id, Protocol.DeviceKind.Speaker, [zone], "Loa " + id));

        // The registry wrote the speaker's desired zones; publish them (retained) as the hub's outbox does.
        new DesiredStateService(Dir.Db, Air, MsOptions.Create(new HubOptions { Site = Air.Site, DataDir = Dir.Path }), Time).PublishPendingAsync(id).GetAwaiter().GetResult();
        Live.Refresh();
        Live.Find(id)!.Status = DeviceStatus.Online;
    }

    /// <summary>Imports a WAV through the media library (validation, loudness normalisation, Opus encoding).</summary>
    public async Task<MediaItem> ImportAsync(float[] samples, string title)
    {
        using var content = new MemoryStream(SpeechSignal.ToWav(samples));
        var result = await Library.ImportAsync(content, "ban-tin.wav", title, "can-bo-van-hoa", CancellationToken.None);
        result.Item.Should().NotBeNull(result.ToString());
        return result.Item!;
    }

    /// <summary>
    /// Moves the clock to <paramref name="untilMicros"/> a millisecond at a time, each step only once
    /// the hub's running streams (and <paramref name="alsoParked"/> other hub tasks) wait on their timers.
    /// </summary>
    public async Task RunUntilAsync(long untilMicros, Func<int>? alsoParked = null)
    {
        int Expected() => Service.RunningStreams + (alsoParked?.Invoke() ?? 0);
        while (true)
        {
            await Time.WaitParkedAsync(Expected);
            if (Clock.NowMicros >= untilMicros)
            {
                return;
            }

            Clock.RunUntil(Math.Min(untilMicros, Clock.NowMicros + 1_000));
        }
    }

    /// <summary>Runs until no stream is on the air (at most <paramref name="limit"/> of clock time).</summary>
    public async Task RunUntilIdleAsync(TimeSpan limit)
    {
        var end = Clock.NowMicros + (long)limit.TotalMicroseconds;
        while (Service.RunningStreams > 0)
        {
            Clock.NowMicros.Should().BeLessThan(end, "the streams should have ended");
            await RunUntilAsync(Clock.NowMicros + 1_000);
        }

        await Service.WhenStreamsEndedAsync();
    }

    public void Dispose() => Dir.Dispose();
}
