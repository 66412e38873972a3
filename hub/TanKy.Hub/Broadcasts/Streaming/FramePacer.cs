using Microsoft.Extensions.Logging;
using TanKy.Hub.Broadcasts.Archive;
using TanKy.Hub.Broadcasts.Sources;
using TanKy.Protocol.Audio;

namespace TanKy.Hub.Broadcasts.Streaming;

/// <summary>
/// Publishes a stream's frames on <c>stream/{id}</c>, paced by the play-out clock: each message
/// of <c>FramesPerMessage</c> frames goes out when the hub clock reaches its first frame's
/// play-out time minus the lead — never earlier, so a node never buffers more than the lead and
/// a stop or preemption wastes at most a lead's worth of bandwidth. One timer at a time, no
/// polling. The source is read one packet ahead so the last message carries end-of-stream.
/// </summary>
internal sealed class FramePacer(StreamContext context, StreamPlan plan, IArchiveRecording? recording)
{
    private readonly string _topic = context.Topics.Stream(plan.StreamId);
    private readonly uint _hash = StreamIdHash.Compute(plan.StreamId);
    private IArchiveRecording? _recording = recording;
    private long _frames;
    private long _unsent;

    /// <summary>Frames published so far (also after a cut).</summary>
    public long Frames => Interlocked.Read(ref _frames);

    /// <summary>Hub-clock µs when the last frame published so far stops playing.</summary>
    public long PlayoutEndUs => plan.PlayoutStartUs + (Frames * AudioSourceFormat.FrameMicros);

    public async Task RunAsync(CancellationToken ct)
    {
        var perMessage = context.Options.FramesPerMessage;
        await using var packets = plan.Source.ReadPacketsAsync(plan.FromFrame, ct).GetAsyncEnumerator(ct);
        var more = await packets.MoveNextAsync();
        if (!more)
        {
            throw new InvalidOperationException("the source has no audio to play from this offset");
        }

        var batch = new List<ReadOnlyMemory<byte>>(perMessage);
        while (more)
        {
            batch.Clear();
            while (more && batch.Count < perMessage)
            {
                batch.Add(packets.Current);
                more = await packets.MoveNextAsync();
            }

            var firstSequence = (uint)Frames;
            var playoutUs = plan.PlayoutStartUs + (firstSequence * AudioSourceFormat.FrameMicros);
            await context.DelayUntilAsync(playoutUs - context.LeadUs, ct);
            var message = new AudioFrameMessage(_hash, plan.Epoch, firstSequence, playoutUs, batch,
                flags: more ? AudioFrameFlags.None : AudioFrameFlags.EndOfStream);
            await PublishAsync(message.Encode(), ct);
            Interlocked.Add(ref _frames, batch.Count);
            await ArchiveAsync(batch, ct);
        }
    }

    private async Task PublishAsync(byte[] payload, CancellationToken ct)
    {
        try
        {
            await context.Mqtt.PublishAsync(_topic, payload, retain: false, qos: 0, ct);
        }
        catch (InvalidOperationException ex)
        {
            // Broker link down: the frames are lost like any QoS 0 loss (nodes conceal, or release
            // after 1 s); the stream keeps its clock so it is in sync again when the link is back.
            if (++_unsent % 50 == 1)
            {
                context.Logger.LogWarning("Stream {StreamId}: {Unsent} audio messages not sent: {Error}", plan.StreamId, _unsent, ex.Message);
            }
        }
    }

    private async Task ArchiveAsync(List<ReadOnlyMemory<byte>> batch, CancellationToken ct)
    {
        if (_recording is null)
        {
            return;
        }

        try
        {
            foreach (var packet in batch)
            {
                if (!packet.IsEmpty)
                {
                    await _recording.AppendAsync(packet, AudioSourceFormat.FrameSamples, ct);
                }
            }
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or IOException)
        {
            // The archive must never stop a broadcast: stop recording, keep streaming.
            context.Logger.LogError(ex, "Stream {StreamId}: archiving stopped; the broadcast goes on", plan.StreamId);
            _recording = null;
        }
    }
}
