using System.Reflection;
using System.Runtime.CompilerServices;
using TanKy.DeviceSim.Clock;
using TanKy.Protocol.Time;

namespace TanKy.DeviceSim.Audio;

/// <summary>
/// Compiles the playout path once per process, ahead of the first stream. A firmware's code is
/// compiled; ours is JIT-compiled on first use, and the first hand-over of the first stream ran
/// on the shared playout thread while it compiled, making every node's first start ~3–5 ms late
/// (measured). Compiling in the background when the first speaker is created removes that.
/// </summary>
internal static class HotPathWarmUp
{
    private static int _started;

    public static void Start()
    {
        if (Interlocked.Exchange(ref _started, 1) == 0)
        {
            _ = Task.Run(Compile);
        }
    }

    private static void Compile()
    {
        Type[] types =
        [
            typeof(SpeakerPlayer), typeof(ActiveStream), typeof(PreparedBatch), typeof(PlaybackStats), typeof(WavFileSink),
            typeof(NullSink), typeof(PlayoutScheduler), typeof(HubClockView), typeof(NodeClock), typeof(ClockOffsetEstimator), typeof(OffsetLine),
        ];
        foreach (var type in types)
        {
            foreach (var method in type.GetMethods(BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                if (!method.IsAbstract && !method.ContainsGenericParameters)
                {
                    RuntimeHelpers.PrepareMethod(method.MethodHandle);
                }
            }
        }
    }
}
