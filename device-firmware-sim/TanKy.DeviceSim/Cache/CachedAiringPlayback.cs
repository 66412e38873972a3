using TanKy.DeviceSim.Audio;
using TanKy.DeviceSim.Clock;
using TanKy.Protocol;
using TanKy.Protocol.Audio;
using TanKy.Protocol.Messages;

namespace TanKy.DeviceSim.Cache;

/// <summary>
/// Plays one pre-cached airing (protocol.md §4.11 rules 3–6): at the first item's <c>at</c>,
/// converted to the node clock, it hands the player a play order for the airing's stream id and
/// then the cached packets as frame messages, each a short lead before its play-out time, as
/// if they came from the hub. The link plays no part, so a cut link does not silence it; the
/// player's events go through the node's outbox and are sent once the link is back.
/// The clips of one airing play back to back as one packet sequence from the first <c>at</c>.
/// </summary>
internal sealed class CachedAiringPlayback(string stream, IReadOnlyList<CacheOrder> items, NodeCache cache, HubClockView view, TimeProvider time, SpeakerPlayer player)
{
    private const int FramesPerMessage = 5;
    private const long FrameMicros = 20_000;
    private const long LeadMicros = 300_000;

    public string Stream => stream;

    public long FirstAt => items[0].At;

    /// <summary>True once the player took the airing from the cache.</summary>
    public bool Started { get; private set; }

    public async Task RunAsync(CancellationToken ct)
    {
        await DelayUntilHubAsync(FirstAt - LeadMicros, ct);
        var clips = items.Select(i => cache.Clip(i.Media, i.Sha256)).ToList();
        if (clips.Any(c => c is null))
        {
            // Rule 6: not verified by airtime, so it plays the live stream if one comes.
            return;
        }

        var packets = clips.SelectMany(c => c!.Packets).ToList();
        var start = FirstAt - (clips[0]!.PreSkip * 1_000_000L / 48_000);
        player.OnOrder(new PlayOrderMessage { V = ProtocolConstants.Version, Op = "play", Stream = stream, Class = "normal", Codec = "opus", Start = start });
        if (player.ActiveStreamId != stream)
        {
            return;
        }

        Started = true;
        var hash = StreamIdHash.Compute(stream);
        for (var seq = 0; seq < packets.Count; seq += FramesPerMessage)
        {
            var playout = start + (seq * FrameMicros);
            await DelayUntilHubAsync(playout - LeadMicros, ct);
            if (player.ActiveStreamId != stream)
            {
                return; // preempted by a higher class, or stopped
            }

            var batch = packets.Skip(seq).Take(FramesPerMessage).ToList();
            var last = seq + batch.Count >= packets.Count;
            // The hub's live play order may have reached the player first and fixed the stream's
            // epoch: the cached frames carry it, or the player would drop them as another epoch's.
            var message = new AudioFrameMessage(hash, player.EpochOf(stream) ?? 0, (uint)seq, playout, batch, flags: last ? AudioFrameFlags.EndOfStream : AudioFrameFlags.None);
            player.OnFrames(stream, message.Encode());
        }
    }

    private async Task DelayUntilHubAsync(long hubMicros, CancellationToken ct)
    {
        while (true)
        {
            if (!view.TryToLocal(hubMicros, out var local, out _))
            {
                // No clock estimate yet: the node cannot know when airtime is.
                await Task.Delay(TimeSpan.FromMilliseconds(100), time, ct);
                continue;
            }

            var wait = local - view.Clock.NowMicros;
            if (wait <= 0)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMicroseconds(Math.Min(wait, 1_000_000)), time, ct);
        }
    }
}
