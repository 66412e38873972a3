using System.Diagnostics.CodeAnalysis;

namespace TanKy.Hub.Media.Speech;

/// <summary>The outcome of <see cref="TextValidator.Validate"/>: the normalised text, or the reasons it was refused.</summary>
internal sealed record TextValidation(string? Text, IReadOnlyList<string> Problems)
{
    [MemberNotNullWhen(true, nameof(Text))]
    public bool IsValid => Text is not null && Problems.Count == 0;
}
