namespace TanKy.Hub.Emergency.Cap;

/// <summary>A CAP info block (one per language or per distinct event description).</summary>
internal sealed record CapInfo(
    string Language,
    IReadOnlyList<string> Categories,
    string Event,
    CapUrgency Urgency,
    CapSeverity Severity,
    CapCertainty Certainty,
    DateTimeOffset? Effective,
    DateTimeOffset? Onset,
    DateTimeOffset? Expires,
    string? SenderName,
    string? Headline,
    string? Description,
    string? Instruction,
    IReadOnlyList<CapArea> Areas)
{
    /// <summary>vi, vi-VN, vi-vn…: the block people here should hear.</summary>
    public bool IsVietnamese => Language.Equals("vi", StringComparison.OrdinalIgnoreCase) || Language.StartsWith("vi-", StringComparison.OrdinalIgnoreCase);
}
