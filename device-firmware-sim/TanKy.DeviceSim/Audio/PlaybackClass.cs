namespace TanKy.DeviceSim.Audio;

/// <summary>Bulletin class of a stream (Circular 39/2020): the numeric order is the preemption order.</summary>
public enum PlaybackClass
{
    Normal = 0,
    Priority = 1,
    Emergency = 2,
}
