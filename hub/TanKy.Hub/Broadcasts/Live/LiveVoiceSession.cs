using TanKy.Hub.Shared.Text;
using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using Microsoft.Extensions.Logging;
using TanKy.Protocol;

namespace TanKy.Hub.Broadcasts.Live;

/// <summary>
/// One browser microphone on <c>/api/v1/live</c>: reads the format, then audio messages (PCM16
/// chunks of any size, or one 20 ms Opus packet per message) into a <see cref="LiveAudioSource"/>.
/// The broadcast starts with the first audio (so trigger-to-first-sound is mouth-to-speaker) and
/// ends when the socket closes, <c>{"op":"stop"}</c> arrives, the broadcast is stopped or
/// <see cref="LiveOptions.MaxDuration"/> passes.
/// </summary>
public sealed class LiveVoiceSession(WebSocket socket, LiveSessions sessions, LiveOptions options, ILogger log)
{
    private const int MaxMessage = 64 * 1024;

    public string? BroadcastId { get; private set; }

    public async Task RunAsync(IReadOnlyList<string> zones, BulletinClass cls, string by, Action<string> onAir, CancellationToken ct)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(MaxMessage);
        LiveAudioSource? source = null;
        try
        {
            using var hello = CancellationTokenSource.CreateLinkedTokenSource(ct);
            hello.CancelAfter(options.HelloTimeout);
            var first = await ReceiveAsync(buffer, hello.Token);
            var (format, error) = first is { Type: WebSocketMessageType.Text } ? LiveFormat.Parse(buffer.AsSpan(0, first.Value.Count)) : (null, "the first message must be the JSON format");
            if (format is null)
            {
                // Close reasons are short codes (the Talk page words them from its texts, liveReason.*);
                // the full reason goes to the log.
                log.LogWarning("Live session of {By} refused: {Error}", by, error);
                await CloseAsync(WebSocketCloseStatus.InvalidPayloadData, "bad-format", ct);
                return;
            }

            var encoder = format.Opus ? null : new LivePcmEncoder(format.Rate);
            source = sessions.CreateSource(HubText.Default.Format("api2.title.live", "vi", by), encoder?.PreSkip ?? LiveSessions.PreSkipOfEncoder());
            await SendAsync("{\"status\":\"ready\"}", ct);
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
            limit.CancelAfter(options.MaxDuration);
            var messages = 0L;
            while (await ReceiveIdleBoundedAsync(buffer, limit.Token) is { } message)
            {
                if (message.Type == WebSocketMessageType.Text)
                {
                    break;
                }

                var audio = buffer.AsMemory(0, message.Count);
                if (format.Opus)
                {
                    if (audio.Length is 0 or > 1275)
                    {
                        log.LogWarning("Live session of {By} refused: an Opus message holds one packet of 1–1275 bytes, got {Bytes}", by, audio.Length);
                        await CloseAsync(WebSocketCloseStatus.InvalidPayloadData, "bad-packet", ct);
                        return;
                    }

                    source.Write(audio.ToArray());
                }
                else
                {
                    encoder!.Add(audio.Span, source.Write);
                }

                if (BroadcastId is null && source.Written > 0)
                {
                    var ticket = await sessions.StartAsync(source, zones, cls, by, "live");
                    BroadcastId = ticket.BroadcastId;
                    onAir(ticket.BroadcastId);
                    await SendAsync($"{{\"status\":\"on-air\",\"id\":\"{ticket.BroadcastId}\"}}", ct);
                }

                if (BroadcastId is not null && ++messages % 50 == 0 && !sessions.IsRunning(BroadcastId))
                {
                    await CloseAsync(WebSocketCloseStatus.NormalClosure, "stopped", ct);
                    return;
                }
            }

            await CloseAsync(WebSocketCloseStatus.NormalClosure, "ended", ct);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            log.LogWarning("Live session of {By} ended: no format in time, no audio for {Idle}, or the maximum duration passed", by, options.IdleTimeout);
            await CloseAsync(WebSocketCloseStatus.PolicyViolation, "timeout", CancellationToken.None);
        }
        catch (WebSocketException ex)
        {
            log.LogWarning("Live session of {By} lost: {Error}", by, ex.Message);
        }
        finally
        {
            source?.Complete();
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task<(WebSocketMessageType Type, int Count)?> ReceiveIdleBoundedAsync(byte[] buffer, CancellationToken ct)
    {
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(ct);
        idle.CancelAfter(options.IdleTimeout);
        return await ReceiveAsync(buffer, idle.Token);
    }

    /// <summary>One whole message into <paramref name="buffer"/>, or null when the client closed.</summary>
    private async Task<(WebSocketMessageType Type, int Count)?> ReceiveAsync(byte[] buffer, CancellationToken ct)
    {
        var count = 0;
        while (true)
        {
            if (count == buffer.Length)
            {
                throw new WebSocketException(WebSocketError.InvalidMessageType, $"a message is larger than {MaxMessage} bytes");
            }

            var result = await socket.ReceiveAsync(buffer.AsMemory(count), ct);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            count += result.Count;
            if (result.EndOfMessage)
            {
                return (result.MessageType, count);
            }
        }
    }

    private Task SendAsync(string text, CancellationToken ct) =>
        socket.SendAsync(new ReadOnlyMemory<byte>(Encoding.UTF8.GetBytes(text)), WebSocketMessageType.Text, true, ct).AsTask();

    private async Task CloseAsync(WebSocketCloseStatus status, string reason, CancellationToken ct)
    {
        if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            await socket.CloseOutputAsync(status, reason.Length > 120 ? reason[..120] : reason, ct);
        }
    }
}
