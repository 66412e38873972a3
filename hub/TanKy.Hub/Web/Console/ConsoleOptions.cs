namespace TanKy.Hub.Web.Console;

/// <summary>Web console settings (section <c>Console</c>); login lockout is in <c>Console:Login</c>.</summary>
public sealed class ConsoleOptions
{
    public const string Section = "Console";

    /// <summary>A console session ends after this long without a request.</summary>
    public TimeSpan Session { get; set; } = TimeSpan.FromHours(8);
}
