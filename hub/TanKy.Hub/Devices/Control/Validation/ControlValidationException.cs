using TanKy.Hub.Shared.Text;

namespace TanKy.Hub.Devices.Control.Validation;

/// <summary>
/// A desired change or command refused by the per-kind schema; carries every reason, not just the
/// first. A reason is a stored text message (<see cref="TextMessage.Encode"/>, e.g. the zone rules)
/// or English words; <see cref="Exception.Message"/> is English for logs, <see cref="Text"/> the
/// reader's language.
/// </summary>
public sealed class ControlValidationException(IReadOnlyList<FieldError> errors)
    : Exception(Join(errors, "en"))
{
    public IReadOnlyList<FieldError> Errors { get; } = errors;

    /// <summary>Every reason in <paramref name="language"/>, "field: reason; …".</summary>
    public string Text(string language) => Join(Errors, language);

    /// <summary>The reasons in <paramref name="language"/>.</summary>
    public IReadOnlyList<FieldError> In(string language) => [.. Errors.Select(e => e with { Reason = HubText.Default.Render(e.Reason, language) })];

    private static string Join(IReadOnlyList<FieldError> errors, string language) =>
        string.Join("; ", errors.Select(e => $"{e.Field}: {HubText.Default.Render(e.Reason, language)}"));
}
