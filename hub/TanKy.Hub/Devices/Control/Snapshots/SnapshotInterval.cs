using TanKy.Hub.Devices.Control.Validation;
using TanKy.Hub.Shared.Text;
using TanKy.Protocol;

namespace TanKy.Hub.Devices.Control.Snapshots;

/// <summary>The rule for "snapshot every N minutes": a camera only, 5–1440 minutes; null or 0 switches it off.</summary>
public static class SnapshotInterval
{
    public const int MinMinutes = 5;
    public const int MaxMinutes = 1440;

    /// <summary>The field name in the API and the console form.</summary>
    public const string Field = "everyMinutes";

    /// <summary>The minutes to keep (null: off), or a <see cref="ControlValidationException"/> with the reason.</summary>
    public static int? Check(DeviceKind kind, int? minutes)
    {
        if (kind != DeviceKind.Camera)
        {
            throw new ControlValidationException([new FieldError(Field, new TextMessage("camsnap.err.not-camera", kind.ToWire()).Encode())]);
        }

        if (minutes is null or 0)
        {
            return null;
        }

        return minutes is < MinMinutes or > MaxMinutes
            ? throw new ControlValidationException([new FieldError(Field, new TextMessage("camsnap.err.range", MinMinutes, MaxMinutes).Encode())])
            : minutes;
    }
}
