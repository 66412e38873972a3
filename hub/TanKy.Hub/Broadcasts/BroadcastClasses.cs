using System.Diagnostics.CodeAnalysis;

namespace TanKy.Hub.Broadcasts;

/// <summary>Wire names of <see cref="BroadcastClass"/> (play orders, API, database).</summary>
public static class BroadcastClasses
{
    public static string ToWire(this BroadcastClass value) => value switch
    {
        BroadcastClass.Normal => "normal",
        BroadcastClass.Priority => "priority",
        BroadcastClass.Emergency => "emergency",
        _ => throw new ArgumentOutOfRangeException(nameof(value)),
    };

    public static bool TryParse(string? wire, [NotNullWhen(true)] out BroadcastClass? value)
    {
        value = wire switch
        {
            "normal" => BroadcastClass.Normal,
            "priority" => BroadcastClass.Priority,
            "emergency" => BroadcastClass.Emergency,
            _ => null,
        };
        return value is not null;
    }

    /// <summary>Vietnamese name for people: thường, ưu tiên, khẩn cấp.</summary>
    public static string ToVietnamese(this BroadcastClass value) => value switch
    {
        BroadcastClass.Normal => "thường",
        BroadcastClass.Priority => "ưu tiên",
        _ => "khẩn cấp",
    };
}
