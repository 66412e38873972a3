namespace TanKy.Hub.Web.Console.Audit;

/// <summary>
/// One line of the audit page, whatever recorded it. <see cref="Source"/>: <c>console</c>
/// (logins, users, tokens), <c>emergency</c> (every emergency/live trigger, refused ones
/// included), <c>command</c> (one-shot device commands) or <c>bulk</c> (bulk device actions).
/// <see cref="Outcome"/>: allowed/refused for audits, the command or action status otherwise.
/// </summary>
public sealed record AuditEntry(DateTimeOffset At, string Actor, string Source, string Action, string? Target, string Outcome, string? Reason, string? Remote);
