using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using TanKy.Protocol;
using TanKy.Protocol.Messages;

namespace TanKy.DeviceSim.Node;

/// <summary>The connect loop: connect, subscribe, birth, telemetry; backoff on loss, forever until stopped.</summary>
public sealed partial class SimulatedNode
{
    // The will, exactly as protocol v1 writes it (no ts: the broker sends it when the device cannot).
    private static readonly byte[] WillPayload = """{"v":1,"status":"offline"}"""u8.ToArray();

    private TaskCompletionSource? _linkDown;
    private volatile bool _rebootRequested;
    private long _seq;

    private async Task RunAsync(CancellationToken stop)
    {
        var attempt = 0;
        while (!stop.IsCancellationRequested)
        {
            if (_status != NodeStatus.Rebooting)
            {
                SetStatus(NodeStatus.Connecting);
            }

            var linkDown = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref _linkDown, linkDown);
            if (await TryConnectAsync(stop))
            {
                attempt = 0;
                await RunSessionAsync(linkDown.Task, stop);
            }

            if (stop.IsCancellationRequested)
            {
                return;
            }

            TimeSpan delay;
            if (_rebootRequested)
            {
                _rebootRequested = false;
                NewBoot();
                delay = Options.RebootDelay;
            }
            else
            {
                delay = ReconnectBackoff.Delay(attempt++, Options.ReconnectBase, Options.ReconnectCap);
            }

            try
            {
                await Task.Delay(delay, Options.Time, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task<bool> TryConnectAsync(CancellationToken stop)
    {
        var started = Options.Time.GetTimestamp();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop);
            timeout.CancelAfter(Options.ConnectTimeout);
            await _client.ConnectAsync(BuildClientOptions(), timeout.Token);
        }
        catch (Exception ex)
        {
            if (!stop.IsCancellationRequested)
            {
                LastError = ex.Message;
                Raise(NodeActivityKind.ConnectFailed, detail: ex.Message);
            }

            return false;
        }

        try
        {
            await SubscribeAsync(stop);
            if (!await PublishAsync(_topics.DeviceState(DeviceId), ProtocolJson.Serialize(Birth()), MqttQualityOfServiceLevel.AtLeastOnce, retain: true, stop))
            {
                throw new InvalidOperationException("birth was not accepted");
            }

            await RepublishReportedIfNeededAsync(stop);
        }
        catch (Exception ex)
        {
            if (!stop.IsCancellationRequested)
            {
                // Half a session is no session: drop the link and start over with backoff.
                LastError = $"after connect: {ex.Message}";
                Raise(NodeActivityKind.ConnectFailed, detail: LastError);
                _socket.Sever();
            }

            return false;
        }

        ConnectCount++;
        SetStatus(NodeStatus.Online);
        var took = Options.Time.GetElapsedTime(started);
        Raise(NodeActivityKind.Connected, detail: $"connected in {took.TotalMilliseconds:0} ms", stateChange: () => Volatile.Write(ref _online, 1));
        return true;
    }

    private async Task RunSessionAsync(Task linkDown, CancellationToken stop)
    {
        using var session = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var loops = new List<Task> { TelemetryLoopAsync(session.Token), RunAudioSessionAsync(session.Token) };
        if (Options.Faults.DisconnectMeanInterval is { } mean)
        {
            loops.Add(RandomLinkLossAsync(mean, session.Token));
        }

        await linkDown.WaitAsync(stop).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await session.CancelAsync();
        await Task.WhenAll(loops).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private MqttClientOptions BuildClientOptions()
    {
        var (host, port) = _link is { } link ? ("127.0.0.1", link.Port) : (Options.Host, Options.Port);
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(host, port)
            .WithStreamProvider(_socket)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId(DeviceId)
            .WithCredentials(DeviceId, Options.Secret)
            .WithKeepAlivePeriod(Options.KeepAlive)
            .WithCleanStart(true)
            .WithSessionExpiryInterval(0)
            .WithTimeout(Options.ConnectTimeout)
            .WithWillTopic(_topics.DeviceState(DeviceId))
            .WithWillPayload(WillPayload)
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithWillRetain(true);
        if (Options.UseTls)
        {
            builder.WithTlsOptions(tls =>
            {
                tls.UseTls();
                tls.WithTargetHost(Options.Host);
                if (Options.AllowUntrustedCertificates)
                {
                    tls.WithCertificateValidationHandler(_ => true);
                }
            });
        }

        return builder.Build();
    }

    private async Task SubscribeAsync(CancellationToken ct)
    {
        var subscribe = new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(_topics.Desired(DeviceId), MqttQualityOfServiceLevel.AtLeastOnce)
            .WithTopicFilter(_topics.Command(DeviceId), MqttQualityOfServiceLevel.AtLeastOnce)
            .WithTopicFilter(_topics.TimeReply(DeviceId), MqttQualityOfServiceLevel.AtMostOnce)
            .WithTopicFilter(_topics.HubState, MqttQualityOfServiceLevel.AtLeastOnce);
        if (Options.Kind == DeviceKind.Speaker)
        {
            foreach (var zone in Options.Zones)
            {
                subscribe.WithTopicFilter(_topics.ZonePlay(zone), MqttQualityOfServiceLevel.AtLeastOnce);
            }

            subscribe.WithTopicFilter(_topics.AllStreams, MqttQualityOfServiceLevel.AtMostOnce);
        }

        var result = await _client.SubscribeAsync(subscribe.Build(), ct);
        var refused = result.Items.Where(i => (int)i.ResultCode >= 0x80).Select(i => $"{i.TopicFilter.Topic}: {i.ResultCode}").ToList();
        if (refused.Count > 0)
        {
            // A firmware keeps working with what it got; the refusal is worth a look, not a crash.
            LastError = "subscriptions refused: " + string.Join(", ", refused);
        }
    }

    private DeviceStateMessage Birth() => new()
    {
        V = ProtocolConstants.Version,
        Status = ProtocolConstants.StatusOnline,
        Kind = Options.Kind.ToWire(),
        Fw = Options.Firmware,
        Boot = BootId,
        Caps = KindProfile.Caps(Options.Kind),
        Interval = Options.WireInterval,
        Ts = NowMs(),
    };

    private Task<bool> PublishOfflineAsync(CancellationToken ct) =>
        PublishAsync(
            _topics.DeviceState(DeviceId),
            ProtocolJson.Serialize(new DeviceStateMessage { V = ProtocolConstants.Version, Status = ProtocolConstants.StatusOffline, Ts = NowMs() }),
            MqttQualityOfServiceLevel.AtLeastOnce,
            retain: true,
            ct);

    /// <summary>Publishes after the injected latency; false when not connected or refused.</summary>
    private async Task<bool> PublishAsync(string topic, byte[] payload, MqttQualityOfServiceLevel qos, bool retain, CancellationToken ct)
    {
        await InjectLatencyAsync(ct);
        if (!_client.IsConnected)
        {
            return false;
        }

        var message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(qos)
            .WithRetainFlag(retain)
            .Build();
        // The write itself is never cancelled: a PUBLISH cut in half leaves the stream corrupt,
        // and the offline message of a clean stop right after then never gets its PUBACK (seen
        // under load). The caller's token only stops the waiting; MQTTnet's own timeout ends the rest.
        var publish = _client.PublishAsync(message, CancellationToken.None);
        _ = publish.ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        try
        {
            var result = await publish.WaitAsync(ct);
            return result.IsSuccess;
        }
        catch (Exception) when (!ct.IsCancellationRequested)
        {
            return false;
        }
    }

    private Task InjectLatencyAsync(CancellationToken ct)
    {
        var faults = Options.Faults;
        if (!faults.AddsLatency)
        {
            return Task.CompletedTask;
        }

        var delay = faults.Latency + (faults.LatencyJitter * Random.Shared.NextDouble());
        return Task.Delay(delay, Options.Time, ct);
    }

    private Task OnClientDisconnectedAsync(MqttClientDisconnectedEventArgs e)
    {
        if (!e.ClientWasConnected)
        {
            return Task.CompletedTask;
        }

        Volatile.Read(ref _linkDown)?.TrySetResult();
        OnLinkLost();
        MarkOffline(e.Exception is { } ex ? $"link lost: {ex.GetBaseException().Message}" : $"{e.Reason}");
        return Task.CompletedTask;
    }

    /// <summary>Raises Disconnected once per session, whoever notices first (MQTTnet or StopAsync).</summary>
    private void MarkOffline(string reason)
    {
        if (Interlocked.Exchange(ref _online, 0) == 1)
        {
            Raise(NodeActivityKind.Disconnected, detail: reason);
        }
    }

    private long NowMs() => Options.Time.GetUtcNow().ToUnixTimeMilliseconds();
}
