using TanKy.Hub.Broadcasts;
using TanKy.Hub.Broadcasts.Delivery;
using TanKy.Hub.Media;
using TanKy.Hub.Tests.Support;
using Xunit;

namespace TanKy.EndToEnd.Tests.Audio;

/// <summary>
/// One broadcast of a stored clip to 20 speakers in 3 hamlets through the real hub, shared by the
/// round-trip, sync and archive tests (a class fixture: the broadcast runs once).
/// </summary>
public sealed class BroadcastRun : IAsyncLifetime
{
    public const int Speakers = 20;

    public const double Seconds = 6;

    internal AudioCommune Commune { get; private set; } = null!;

    public float[] Source { get; } = SpeechSignal.Generate(Seconds);

    public MediaItem Item { get; private set; } = null!;

    public BroadcastTicket Ticket { get; private set; } = null!;

    public DeliveryReport Report { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Commune = await AudioCommune.StartAsync(Speakers, zoneCount: 3);
        Item = await Commune.ImportAsync(Source, "Bản tin thử");
        Ticket = await Commune.PlayAsync(Item);
        Report = await Commune.WaitForDeliveryAsync(Ticket.BroadcastId);
    }

    public async Task DisposeAsync() => await Commune.DisposeAsync();
}
