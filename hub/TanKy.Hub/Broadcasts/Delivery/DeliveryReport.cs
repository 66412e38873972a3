namespace TanKy.Hub.Broadcasts.Delivery;

/// <summary>
/// "Played on 47/48; 1 offline": how a broadcast reached its speakers. Targeted are the
/// speakers of its zones when each of its streams started; percentiles are over the nodes
/// that started (µs). <see cref="Finished"/> counts nodes that played to the end or were stopped;
/// <see cref="Stopped"/> those stopped, so a stopped broadcast can say "đã dừng" instead of "xong".
/// </summary>
public sealed record DeliveryReport(
    string BroadcastId,
    int Targeted,
    int OfflineAtStart,
    int Started,
    int Finished,
    int Failed,
    int Pending,
    long? StartErrorP50Us,
    long? StartErrorMaxAbsUs,
    long? TriggerToSoundP50Us,
    long? TriggerToSoundMaxUs,
    IReadOnlyList<NodeDelivery> Nodes,
    int Stopped = 0);
