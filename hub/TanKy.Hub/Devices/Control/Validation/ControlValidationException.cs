namespace TanKy.Hub.Devices.Control.Validation;

/// <summary>A desired change or command refused by the per-kind schema; carries every reason, not just the first.</summary>
public sealed class ControlValidationException(IReadOnlyList<FieldError> errors)
    : Exception(string.Join("; ", errors.Select(e => $"{e.Field}: {e.Reason}")))
{
    public IReadOnlyList<FieldError> Errors { get; } = errors;
}
