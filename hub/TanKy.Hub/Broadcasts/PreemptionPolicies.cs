using System.Diagnostics.CodeAnalysis;

namespace TanKy.Hub.Broadcasts;

/// <summary>Wire names of <see cref="PreemptionPolicy"/>.</summary>
public static class PreemptionPolicies
{
    public static string ToWire(this PreemptionPolicy value) => value switch
    {
        PreemptionPolicy.Resume => "resume",
        PreemptionPolicy.Restart => "restart",
        PreemptionPolicy.Skip => "skip",
        _ => throw new ArgumentOutOfRangeException(nameof(value)),
    };

    public static bool TryParse(string? wire, [NotNullWhen(true)] out PreemptionPolicy? value)
    {
        value = wire switch
        {
            "resume" => PreemptionPolicy.Resume,
            "restart" => PreemptionPolicy.Restart,
            "skip" => PreemptionPolicy.Skip,
            _ => null,
        };
        return value is not null;
    }
}
