using Iot.Device.Button;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TanKy.Hub.Emergency;
using TanKy.Protocol;

namespace TanKy.Hub.Gateway.Hardware;

/// <summary>
/// The emergency push-button at the commune office. GpioButton owns the pin (pull-up/down,
/// edge callbacks, polarity); the level is settled and the 2 s hold measured on the injected
/// TimeProvider, so bounce, short and long presses are deterministic in tests. A long press
/// plays the configured siren and recorded message to the configured zones.
/// </summary>
internal sealed class EmergencyButton(
    GatewayGpio gpio,
    IEmergencyTrigger trigger,
    TriggerAudit audit,
    IOptions<GatewayHardwareOptions> options,
    TimeProvider time,
    ILogger<EmergencyButton> log) : IHostedService, IDisposable
{
    public const string Actor = "gateway-button";

    private readonly GatewayHardwareOptions.ButtonOptions _o = options.Value.Button;
    private GpioButton? _button;
    private StableLevelDebouncer? _debouncer;
    private LongPressDetector? _detector;

    /// <summary>The trigger started by the latest long press (tests await it).</summary>
    public Task LastTrigger { get; private set; } = Task.CompletedTask;

    public int LongPresses { get; private set; }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled || !_o.Enabled)
        {
            return Task.CompletedTask;
        }

        _detector = new LongPressDetector(time, _o.HoldTime, OnLongPress);
        _debouncer = new StableLevelDebouncer(time, _o.Debounce, _detector.Pressed);

        // debounceTime zero: GpioButton's wall-clock lock-out is replaced by the settle logic above.
        _button = new GpioButton(_o.Pin, TimeSpan.FromSeconds(1.5), _o.HoldTime, _o.PullUp, _o.ExternalResistor, gpio.Controller, shouldDispose: false, debounceTime: TimeSpan.Zero);
        _button.ButtonDown += (_, _) => _debouncer.Edge(true);
        _button.ButtonUp += (_, _) => _debouncer.Edge(false);
        log.LogInformation("Emergency button on GPIO {Pin} ({Pull}), hold {Hold} to broadcast to {Zones}", _o.Pin, _o.PullUp ? "pull-up" : "pull-down", _o.HoldTime, string.Join(',', _o.Zones));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    private void OnLongPress()
    {
        LongPresses++;
        LastTrigger = FireAsync();
    }

    private async Task FireAsync()
    {
        var media = new[] { _o.SirenMediaId, _o.MessageMediaId }.Where(m => !string.IsNullOrWhiteSpace(m)).Select(m => m!).ToList();
        var remote = $"gpio{_o.Pin}";
        if (_o.Zones.Count == 0 || media.Count == 0)
        {
            log.LogCritical("Emergency button held on GPIO {Pin} but Gateway:Hardware:Button has no zones or no media configured", _o.Pin);
            audit.Record(new TriggerAttempt(Actor, TriggerAudit.SystemRole, TriggerChannel.Button, TriggerAction.Start, BulletinClass.Emergency,
                "emergency: long press", _o.Zones, remote, false, "button not configured (zones and siren/message media)"));
            return;
        }

        var request = new EmergencyRequest(_o.Zones, BulletinClass.Emergency, media, null, null, Math.Max(1, _o.Repeat), _o.RepeatInterval, null, Actor, TriggerChannel.Button, $"press@{time.GetUtcNow():O}");
        var auditId = audit.Record(new TriggerAttempt(Actor, TriggerAudit.SystemRole, TriggerChannel.Button, TriggerAction.Start, request.Class,
            EmergencyGuard.Describe(request), _o.Zones, remote, true, "long press"));
        try
        {
            var id = await trigger.TriggerAsync(request, CancellationToken.None);
            audit.SetBroadcast(auditId, id);
            log.LogWarning("Emergency button: broadcast {Id} to {Zones}", id, string.Join(',', _o.Zones));
        }
        catch (Exception ex)
        {
            audit.SetFailed(auditId, TriggerAudit.Failed);
            log.LogCritical(ex, "Emergency button: the broadcast could not start");
        }
    }

    public void Dispose()
    {
        _button?.Dispose();
        _button = null;
        _debouncer?.Dispose();
        _detector?.Dispose();
    }
}
