using System.Text.Json.Nodes;
using TanKy.Hub.Devices.Control.Validation;
using TanKy.Hub.Schedules.Parsing;
using TanKy.Protocol;

namespace TanKy.Hub.Schedules.DeviceActions;

/// <summary>
/// Lets the schedule loader check an action's values with the same per-kind rules as the API
/// (volume 0–100, opening hours, LED text…). Without a kind, a key must exist for some kind.
/// </summary>
internal sealed class DesiredSchemaActionValidator : IDeviceActionValueValidator
{
    public IEnumerable<(string Key, string Reason)> Validate(string? kind, JsonObject set)
    {
        if (kind is null)
        {
            return set.Where(kv => !DeviceKinds.All.Any(k => DesiredSchema.FieldsOf(k).Contains(kv.Key)))
                .Select(kv => (kv.Key, $"no device kind has a field '{kv.Key}'"))
                .ToList();
        }

        if (!DeviceKinds.TryParse(kind, out var parsed))
        {
            return [("kind", $"unknown kind '{kind}'")];
        }

        try
        {
            DesiredSchema.Validate(parsed.Value, set.DeepClone().AsObject(), FieldContext.None);
            return [];
        }
        catch (ControlValidationException ex)
        {
            // The schema's reasons in the command line's language (Vietnamese unless --lang en / TANKY_LANG=en).
            return ex.In(Shared.Cli.CliText.Language).Select(e => (e.Field, e.Reason)).ToList();
        }
    }
}
