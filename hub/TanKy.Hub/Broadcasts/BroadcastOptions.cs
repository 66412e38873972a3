using TanKy.Protocol;

namespace TanKy.Hub.Broadcasts;

/// <summary>Broadcasting settings (section <c>Broadcasts</c>).</summary>
public sealed class BroadcastOptions
{
    public const string Section = "Broadcasts";

    /// <summary>
    /// How far ahead of its play-out time each audio message is published; it is also the
    /// nodes' jitter buffer and the delay from trigger to first sound. 400 ms rides out 4G
    /// jitter while keeping trigger-to-first-sound under the 600 ms goal.
    /// </summary>
    public int LeadMs { get; set; } = 400;

    /// <summary>20 ms frames per audio message: fewer messages per second cost less broker CPU and MQTT overhead.</summary>
    public int FramesPerMessage { get; set; } = 5;

    /// <summary>How many times each stop order is published (QoS 1 each); more than one helps nodes that were reconnecting.</summary>
    public int StopRepeat { get; set; } = 1;

    /// <summary>Pause between repeated stop orders.</summary>
    public int StopRepeatIntervalMs { get; set; } = 500;

    /// <summary>
    /// Wait after the last frame's play-out end before the stop order, so a node whose clock
    /// estimate is a few ms off is not cut in its last frame.
    /// </summary>
    public int StopGraceMs { get; set; } = 100;

    /// <summary>Policy of a request that names none: what happens after it is preempted.</summary>
    public PreemptionPolicy DefaultPolicy { get; set; } = PreemptionPolicy.Resume;

    public TimeSpan Lead => TimeSpan.FromMilliseconds(LeadMs);
}
