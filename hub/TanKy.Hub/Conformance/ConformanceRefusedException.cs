namespace TanKy.Hub.Conformance;

/// <summary>A run that cannot start (unknown, offline or busy device…): HTTP status and a Vietnamese-first reason.</summary>
public sealed class ConformanceRefusedException(int status, string message) : Exception(message)
{
    public int Status { get; } = status;
}
