using System.Text.Json.Nodes;
using TanKy.Protocol;
using TanKy.Protocol.Messages;

namespace TanKy.DeviceSim.Audio;

/// <summary>
/// The <c>dev/{id}/event</c> messages of playback (protocol.md §4.6). The data member names are
/// the ones the hub records: started {intended_us, actual_us, error_us, synced}, finished {played,
/// concealed, late, fec, error_us, reason}, preempted {by}, refused {reason, codec}. A start placed
/// with an estimate that was not yet synchronised carries "synced": false (§8.2.3).
/// </summary>
internal static class PlaybackEvents
{
    public static EventMessage For(PlaybackNotice notice, long hubNowMs)
    {
        var stats = notice.Stats;
        var (type, data, ts) = notice.Kind switch
        {
            PlaybackNoticeKind.Started => ("playback.started", Started(stats), stats.ActualMicros!.Value / 1000),
            PlaybackNoticeKind.Preempted => ("playback.preempted", new JsonObject { ["by"] = notice.By }, hubNowMs),
            PlaybackNoticeKind.Refused => (PlaybackEventTypes.Refused, Refused(notice), hubNowMs),
            _ => ("playback.finished", Finished(stats), hubNowMs),
        };
        return new EventMessage { V = ProtocolConstants.Version, Type = type, Ts = ts, Stream = stats.StreamId, Data = data };
    }

    private static JsonObject Started(PlaybackStats stats)
    {
        var data = new JsonObject
        {
            ["intended_us"] = stats.IntendedMicros,
            ["actual_us"] = stats.ActualMicros,
            ["error_us"] = stats.StartErrorMicros,
        };
        if (!stats.StartedSynchronised)
        {
            data["synced"] = false;
        }

        return data;
    }

    private static JsonObject Refused(PlaybackNotice notice)
    {
        var data = new JsonObject { ["reason"] = notice.Refusal };
        if (notice.Codec is { } codec)
        {
            data["codec"] = codec;
        }

        return data;
    }

    private static JsonObject Finished(PlaybackStats stats)
    {
        var data = new JsonObject
        {
            ["played"] = stats.Played,
            ["concealed"] = stats.Concealed,
            ["late"] = stats.Late,
            ["fec"] = stats.Fec,
        };

        // Absent when nothing played: there was no start to measure.
        if (stats.StartErrorMicros is { } error)
        {
            data["error_us"] = error;
        }

        data["reason"] = stats.Reason switch
        {
            PlaybackEndReason.End => "end",
            PlaybackEndReason.Stop => "stop",
            PlaybackEndReason.Preempted => "preempted",
            _ => "timeout",
        };
        return data;
    }
}
