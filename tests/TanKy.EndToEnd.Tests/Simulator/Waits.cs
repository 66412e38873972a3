namespace TanKy.EndToEnd.Tests.Simulator;

/// <summary>Upper bounds for waits on outcomes. Generous: they only matter when a test fails.</summary>
internal static class Waits
{
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(10);
}
