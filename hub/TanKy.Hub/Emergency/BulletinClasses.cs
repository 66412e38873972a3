namespace TanKy.Hub.Emergency;

/// <summary>Wire names of <see cref="BulletinClass"/> (database, JSON, docs).</summary>
public static class BulletinClasses
{
    public static string ToWire(this BulletinClass value) => value switch
    {
        BulletinClass.Normal => "normal",
        BulletinClass.Priority => "priority",
        BulletinClass.Emergency => "emergency",
        _ => throw new ArgumentOutOfRangeException(nameof(value)),
    };
}
