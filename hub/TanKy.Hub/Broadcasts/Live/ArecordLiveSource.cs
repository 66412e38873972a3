using TanKy.Hub.Shared.Text;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TanKy.Protocol;

namespace TanKy.Hub.Broadcasts.Live;

/// <summary>
/// The gateway's sound-card input as a live source (<c>Live:Arecord:Device</c>): runs
/// <c>arecord -D {device} -t raw -f S16_LE -c 1 -r {rate}</c> (no shell), encodes its output like a
/// browser microphone and goes on the air with the first audio. The capture stops when the
/// broadcast ends (stopped, cancelled, preempted for good) or the process exits.
/// </summary>
public sealed class ArecordLiveSource(LiveSessions sessions, IOptions<LiveOptions> options, ILogger<ArecordLiveSource> log)
{
    public bool Configured => !string.IsNullOrWhiteSpace(options.Value.Arecord.Device);

    /// <summary>Starts capturing; completes with the broadcast id once the first audio is on the air.</summary>
    public async Task<string> StartAsync(IReadOnlyList<string> zones, BulletinClass cls, string by, CancellationToken ct)
    {
        var o = options.Value.Arecord;
        if (!Configured)
        {
            throw new InvalidOperationException("Live:Arecord:Device is not configured");
        }

        var info = new ProcessStartInfo(o.Command) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-q", "-D", o.Device!, "-t", "raw", "-f", "S16_LE", "-c", "1", "-r", o.Rate.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {o.Command}");
        var encoder = new LivePcmEncoder(o.Rate);
        var source = sessions.CreateSource(HubText.Default.Format("api2.title.live-card", "vi", by), encoder.PreSkip);
        var started = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        _ = Task.Run(() => PumpAsync(process, encoder, source, zones, cls, by, started), CancellationToken.None);
        return await started.Task.WaitAsync(TimeSpan.FromSeconds(10), ct);
    }

    private async Task PumpAsync(Process process, LivePcmEncoder encoder, LiveAudioSource source, IReadOnlyList<string> zones, BulletinClass cls, string by, TaskCompletionSource<string> started)
    {
        var buffer = new byte[3840];
        string? id = null;
        try
        {
            var stdout = process.StandardOutput.BaseStream;
            int read;
            while ((read = await stdout.ReadAsync(buffer)) > 0)
            {
                encoder.Add(buffer.AsSpan(0, read), source.Write);
                if (id is null && source.Written > 0)
                {
                    id = (await sessions.StartAsync(source, zones, cls, by, "live")).BroadcastId;
                    started.TrySetResult(id);
                }
                else if (id is not null && source.Written % 50 == 0 && !sessions.IsRunning(id))
                {
                    break;
                }
            }

            var error = await process.StandardError.ReadToEndAsync();
            started.TrySetException(new InvalidOperationException($"arecord ended without audio: {error.Trim()}"));
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or BroadcastRequestException)
        {
            log.LogError(ex, "Sound-card capture for live broadcast {Id} failed", id);
            started.TrySetException(ex);
        }
        finally
        {
            source.Complete();
            if (!process.HasExited)
            {
                process.Kill();
            }

            process.Dispose();
            log.LogInformation("Sound-card capture for live broadcast {Id} ended", id);
        }
    }
}
