using Dapper;
using TanKy.DeviceSim.Audio;
using TanKy.EndToEnd.Tests.Foundation;
using TanKy.Hub.Broadcasts;
using Xunit.Abstractions;

namespace TanKy.EndToEnd.Tests.Programme;

/// <summary>One stream of a broadcast as the hub stored it: its first frame's play-out and the frames it published.</summary>
internal sealed record StreamRecord(string StreamId, long PlayoutStartUs, long Frames, string? EndReason);

/// <summary>What the hub recorded about a programme airing (<see cref="ProgrammeCommune"/>'s clips), read from its database.</summary>
internal static class AiringRecords
{
    /// <summary>Frames of the airing's content: the chime before and the bulletin.</summary>
    public static int Frames(CommuneHarness h) => ClipFrames(h, ProgrammeCommune.Chime) + ClipFrames(h, ProgrammeCommune.Bulletin);

    public static int ClipFrames(CommuneHarness h, string media)
    {
        using var c = h.Dir.Db.Open();
        return c.ExecuteScalar<int>("SELECT frames FROM media WHERE id = @media", new { media });
    }

    /// <summary>A clip's pre-skip as µs of play-out.</summary>
    public static long ClipPreSkipMicros(CommuneHarness h, string media)
    {
        using var c = h.Dir.Db.Open();
        return c.ExecuteScalar<long>("SELECT pre_skip FROM media WHERE id = @media", new { media }) * 1_000_000L / 48_000;
    }

    public static StreamRecord Stream(CommuneHarness h, string streamId) => StreamsWhere(h, "stream_id = @id", streamId).Single();

    /// <summary>Every stream of a broadcast, first first.</summary>
    public static IReadOnlyList<StreamRecord> Streams(CommuneHarness h, string broadcastId) => StreamsWhere(h, "broadcast_id = @id", broadcastId);

    /// <summary>
    /// Where the airing's first sound landed and why, for the output: the player's wake-up (it asks
    /// for the broadcast a lead and 100 ms before airtime), the stream's first play-out (pinned to
    /// airtime minus the pre-skip unless the request came too late) and the speaker's first frame.
    /// </summary>
    public static void LogTiming(ITestOutputHelper output, DateTimeOffset at, BroadcastRecord broadcast, StreamRecord stream, PlaybackStats played, int leadMs)
    {
        var airtime = at.ToUnixTimeMilliseconds() * 1000;
        output.WriteLine(
            $"player woke {broadcast.RequestedUs - (airtime - (leadMs * 1000L) - 100_000)} µs late; stream starts {stream.PlayoutStartUs - airtime} µs from airtime; " +
            $"the speaker's first frame {played.IntendedMicros - airtime} µs from airtime");
    }

    private static List<StreamRecord> StreamsWhere(CommuneHarness h, string where, string id)
    {
        using var c = h.Dir.Db.Open();
        return c.Query<StreamRecord>(
            $"SELECT stream_id AS StreamId, playout_start_us AS PlayoutStartUs, COALESCE(frames, 0) AS Frames, end_reason AS EndReason FROM broadcast_streams WHERE {where} ORDER BY epoch",
            new { id }).ToList();
    }
}
