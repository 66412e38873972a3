using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TanKy.Hub.Availability;
using TanKy.Hub.Broadcasts;
using TanKy.Hub.Broadcasts.Archive;
using TanKy.Hub.Broadcasts.Arbitration;
using TanKy.Hub.Broadcasts.Clock;
using TanKy.Hub.Broadcasts.Delivery;
using TanKy.Hub.Broadcasts.Streaming;
using TanKy.Hub.Tests.Support;
using TanKy.Hub.Shared;
using TanKy.Protocol;

namespace TanKy.Hub.Tests.Broadcasts;

/// <summary>
/// The broadcast service over a temp database, a fake clock, a recording MQTT connection and a
/// real archive; two hamlets (khoi-1, xom-3) with one speaker each.
/// </summary>
internal sealed class BroadcastHarness : IDisposable
{
    public BroadcastHarness(BroadcastOptions? options = null, Func<IBroadcastArchive, IBroadcastArchive>? archive = null)
    {
        Dir.SeedTwoHamlets();
        Options = options ?? new BroadcastOptions();
        Time = new ParkingTimeProvider(Dir.Time);
        Clock = new HubClock(Time);
        Mqtt = new RecordingMqtt(Clock);
        Archive = new BroadcastArchive(Dir.Db, Dir.Time, Microsoft.Extensions.Options.Options.Create(new ArchiveOptions { SyncEveryPage = false }), NullLogger<BroadcastArchive>.Instance);
        _archive = archive is null ? Archive : archive(Archive);
        Live = new LiveStatusTable(Dir.Devices);
        Live.Refresh();
        Store = new BroadcastStore(Dir.Db);
        Deliveries = new DeliveryStore(Dir.Db);
        Service = NewService();
    }

    private readonly IBroadcastArchive _archive;

    public TempDataDir Dir { get; } = new();

    public BroadcastOptions Options { get; }

    public ParkingTimeProvider Time { get; }

    public HubClock Clock { get; }

    public RecordingMqtt Mqtt { get; }

    public BroadcastArchive Archive { get; }

    public LiveStatusTable Live { get; }

    public InMemoryMedia Media { get; } = new();

    public BroadcastStore Store { get; }

    public DeliveryStore Deliveries { get; }

    public BroadcastService Service { get; private set; }

    public static BroadcastRequest Request(string media = "tin-1s", BulletinClass cls = BulletinClass.Normal, PreemptionPolicy? policy = null, params string[] zones) =>
        new(media, cls, zones.Length == 0 ? ["khoi-1", "xom-3"] : zones, "van-hoa", "test", Volume: 80, Policy: policy);

    /// <summary>A new service over the same database, as after a hub restart.</summary>
    public BroadcastService NewService(Func<IEnumerable<IBroadcastLifecycle>>? lifecycle = null)
    {
        var context = new StreamContext(Mqtt, Clock, Microsoft.Extensions.Options.Options.Create(new HubOptions()), Microsoft.Extensions.Options.Options.Create(Options),
            _archive, NullLogger<StreamSession>.Instance);
        Service = new BroadcastService(new ZoneArbiter(Time, Options.Lead), Store, new DeliveryReporter(Deliveries), new BroadcastValidator(Dir.Zones, Media),
            new DeliveryTargets(Dir.Devices, Live), context, NullLogger<BroadcastService>.Instance, lifecycle);
        return Service;
    }

    public DeliveryTracker NewTracker() => new(Deliveries, Dir.Devices, NullLogger<DeliveryTracker>.Instance);

    /// <summary>Advances the fake clock in <paramref name="step"/>s, letting the streams catch up after each one.</summary>
    public async Task RunClockAsync(TimeSpan total, TimeSpan step, Func<long, int>? expectedStreamMessages = null)
    {
        for (var elapsed = TimeSpan.Zero; elapsed < total; elapsed += step)
        {
            await Time.WaitParkedAsync(() => Service.RunningStreams);
            Dir.Time.Advance(step);
            if (expectedStreamMessages is not null)
            {
                var expected = expectedStreamMessages(Clock.NowMicros);
                await Mqtt.WaitUntilAsync(p => p.Count(IsStream) >= expected, $"{expected} stream messages at {Clock.NowMicros}");
            }
        }
    }

    /// <summary>Runs the clock until every stream has ended.</summary>
    public async Task RunUntilIdleAsync(TimeSpan step, TimeSpan limit)
    {
        for (var elapsed = TimeSpan.Zero; !Service.WhenStreamsEndedAsync().IsCompleted; elapsed += step)
        {
            elapsed.Should().BeLessThan(limit, "the streams should have ended");
            await Time.WaitParkedAsync(() => Service.RunningStreams);
            Dir.Time.Advance(step);
        }

        await Service.WhenStreamsEndedAsync();
    }

    public IReadOnlyList<Published> PlayOrders(string op) =>
        Mqtt.Published.Where(p => IsPlayOrder(p) && StreamPacing_Tests.Op(p) == op).ToList();

    public static string StreamOf(Published p) => System.Text.Json.JsonDocument.Parse(p.Payload).RootElement.GetProperty("stream").GetString()!;

    public static bool IsStream(Published p) => p.Topic.Contains("/stream/", StringComparison.Ordinal);

    public static bool IsPlayOrder(Published p) => p.Topic.EndsWith("/play", StringComparison.Ordinal);

    public void Dispose() => Dir.Dispose();
}
