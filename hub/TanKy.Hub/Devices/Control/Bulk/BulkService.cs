using TanKy.Hub.Shared.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TanKy.Hub.Devices.Control.Commands;
using TanKy.Hub.Devices.Control.Validation;
using TanKy.Protocol;

namespace TanKy.Hub.Devices.Control.Bulk;

/// <summary>
/// Runs a <see cref="DeviceAction"/> on every matching device and reports each one. The change
/// is validated for every device before any is touched: an invalid value refuses the whole
/// request; devices that are offline or do not confirm make the result partial.
/// </summary>
public sealed class BulkService(
    DeviceRegistry registry,
    DeviceControlService control,
    CommandService commands,
    ReportedStateRecorder reported,
    DesiredStateService desired,
    DeviceStateReader states,
    IDevicePresence presence,
    IOptions<ControlOptions> options,
    ILogger<BulkService> logger)
{
    /// <summary>The devices the action targets (zone ∩ kind ∩ list).</summary>
    public IReadOnlyList<DeviceRecord> Resolve(DeviceAction action)
    {
        DeviceKind? kind = action.Kind is not null && DeviceKinds.TryParse(action.Kind, out var k) ? k : null;
        var devices = registry.List(action.Zone, kind);
        return action.Devices is { Count: > 0 } ids ? devices.Where(d => ids.Contains(d.Id, StringComparer.Ordinal)).ToList() : devices;
    }

    /// <summary>Checks shape, targets and per-kind values; throws <see cref="ControlValidationException"/> with every reason.</summary>
    public IReadOnlyList<DeviceRecord> Validate(DeviceAction action)
    {
        var shape = action.CheckShape();
        if (shape.Count > 0)
        {
            throw new ControlValidationException(shape);
        }

        var devices = Resolve(action);
        if (devices.Count == 0)
        {
            throw new ControlValidationException([new FieldError("target", new TextMessage("rules2.bulk.no-device").Encode())]);
        }

        var errors = new List<FieldError>();
        foreach (var device in devices)
        {
            try
            {
                if (action.Set is not null)
                {
                    DesiredSchema.Validate(device.Kind, action.Set, control.Context);
                }
                else
                {
                    CommandCatalog.Validate(device.Kind, action.Command!.Op, action.Command.Args);
                }
            }
            catch (ControlValidationException ex)
            {
                errors.AddRange(ex.Errors.Select(e => e with { Field = $"{device.Id}.{e.Field}" }));
            }
        }

        return errors.Count > 0 ? throw new ControlValidationException(errors) : devices;
    }

    public async Task<BulkResult> RunAsync(DeviceAction action, string? by, CancellationToken cancellationToken = default)
    {
        var devices = Validate(action);
        var outcomes = action.Set is not null
            ? await Task.WhenAll(devices.Select(d => SetOneAsync(d, action, by, cancellationToken)))
            : await Task.WhenAll(devices.Select(d => CommandOneAsync(d, action, by, cancellationToken)));
        var result = new BulkResult(outcomes);
        logger.LogInformation("Bulk action by {User} on {Total} devices: {Succeeded} succeeded, {Failed} not", by, result.Total, result.Succeeded, result.Failed);
        return result;
    }

    private async Task<DeviceOutcome> SetOneAsync(DeviceRecord device, DeviceAction action, string? by, CancellationToken cancellationToken)
    {
        // Listen before publishing: a fast device may report before SetDesiredAsync returns.
        using var signal = new SemaphoreSlim(0);
        void OnRecorded(object? sender, (string DeviceId, long Version) r)
        {
            if (r.DeviceId == device.Id)
            {
                signal.Release();
            }
        }

        reported.Recorded += OnRecorded;
        try
        {
            var message = await control.SetDesiredAsync(device.Id, action.Set!, by, cancellationToken);
            if (!presence.IsOnline(device.Id))
            {
                return new DeviceOutcome(device.Id, "offline", new TextMessage("bulk.detail.stored-offline").Encode(), message.Version);
            }

            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            wait.CancelAfter(options.Value.BulkApplyWait);
            while (!(desired.GetReported(device.Id)?.Version >= message.Version))
            {
                try
                {
                    await signal.WaitAsync(wait.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    return new DeviceOutcome(device.Id, "not-confirmed", new TextMessage("bulk.detail.not-confirmed", options.Value.BulkApplyWait.TotalSeconds.ToString("0", System.Globalization.CultureInfo.InvariantCulture)).Encode(), message.Version);
                }
            }

            return Rejections(device.Id, action) is { } why
                ? new DeviceOutcome(device.Id, "rejected", why, message.Version)
                : new DeviceOutcome(device.Id, "applied", null, message.Version);
        }
        catch (Exception ex) when (ex is RegistryException)
        {
            return new DeviceOutcome(device.Id, "error", ((Shared.Text.ILocalizedError)ex).Text.Encode());
        }
        finally
        {
            reported.Recorded -= OnRecorded;
        }
    }

    private string? Rejections(string deviceId, DeviceAction action)
    {
        var view = states.Read(deviceId);
        var refused = view?.Errors.Where(e => action.Set!.ContainsKey(e.Key)).Select(e => $"{e.Key}: {e.Value}").ToList();
        return refused is { Count: > 0 } ? string.Join("; ", refused) : null;
    }

    private async Task<DeviceOutcome> CommandOneAsync(DeviceRecord device, DeviceAction action, string? by, CancellationToken cancellationToken)
    {
        if (!presence.IsOnline(device.Id))
        {
            // Commands are not queued for offline devices (clean sessions): say so instead of waiting for a timeout.
            return new DeviceOutcome(device.Id, "offline", new TextMessage("bulk.detail.not-sent-offline").Encode());
        }

        var timeout = action.TimeoutSeconds is { } s ? TimeSpan.FromSeconds(s) : (TimeSpan?)null;
        var issued = await commands.IssueAsync(device.Id, action.Command!.Op, action.Command.Args, timeout, by, cancellationToken);
        var done = await commands.WaitAsync(issued.Id, cancellationToken);
        // Details are stored messages (text keys, or the device's own words), said in the reader's language (BulkResult.In).
        return new DeviceOutcome(device.Id, done.Status, done.Error, null, done.Id);
    }
}
