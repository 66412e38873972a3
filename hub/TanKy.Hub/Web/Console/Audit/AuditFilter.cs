namespace TanKy.Hub.Web.Console.Audit;

/// <summary>What the audit page asks for; every field is optional. <see cref="Actor"/> is exact, <see cref="Text"/> a substring.</summary>
public sealed record AuditFilter(string? Source = null, string? Actor = null, string? Outcome = null, string? Text = null, DateTimeOffset? From = null, DateTimeOffset? To = null, int Limit = 300);
