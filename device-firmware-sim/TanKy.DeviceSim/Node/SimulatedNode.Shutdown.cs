using MQTTnet;

namespace TanKy.DeviceSim.Node;

/// <summary>Ending a session on purpose: clean offline + DISCONNECT, halting the loop, power coming back.</summary>
public sealed partial class SimulatedNode
{
    /// <summary>
    /// Offline state first (the broker does not publish the will on a clean DISCONNECT, MQTTnet
    /// #2256), then DISCONNECT. Each step has its own timeout; if DISCONNECT cannot be sent the
    /// socket is reset, so the broker at least publishes the will instead of keeping a zombie.
    /// </summary>
    private async Task GoOfflineCleanlyAsync(string why)
    {
        if (!_client.IsConnected)
        {
            return;
        }

        using (var timeout = new CancellationTokenSource(ShutdownPublishTimeout))
        {
            try
            {
                await PublishOfflineAsync(timeout.Token);
            }
            catch (Exception ex)
            {
                LastError = $"{why}: offline not published: {ex.Message}";
            }
        }

        using (var timeout = new CancellationTokenSource(ShutdownPublishTimeout))
        {
            try
            {
                await _client.DisconnectAsync(new MqttClientDisconnectOptions(), timeout.Token);
            }
            catch (Exception ex)
            {
                LastError = $"{why}: DISCONNECT not sent: {ex.Message}";
                _socket.Sever();
            }
        }
    }

    /// <summary>Stops the connect loop; false when it was not running.</summary>
    private async Task<bool> HaltLoopAsync()
    {
        CancellationTokenSource? cts;
        Task? task;
        lock (_gate)
        {
            if (!_running)
            {
                return false;
            }

            _running = false;
            cts = _runCts;
            task = _runTask;
        }

        if (cts is not null)
        {
            await cts.CancelAsync();
        }

        if (task is not null)
        {
            await task.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        return true;
    }

    private async Task PowerOnLaterAsync(TimeSpan delay, CancellationToken ct)
    {
        try
        {
            await Task.Delay(delay, Options.Time, ct);
            await StartAsync(ct);
        }
        catch (OperationCanceledException)
        {
            // Disposed while powered off.
        }
        catch (ObjectDisposedException)
        {
            // Disposed while powered off.
        }
    }
}
