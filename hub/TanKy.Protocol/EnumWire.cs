using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Text.Json.Serialization;

namespace TanKy.Protocol;

/// <summary>
/// Wire names of enums outside JSON (database columns, payload strings, logs, CLI output). The name
/// is the member's <see cref="JsonStringEnumMemberNameAttribute"/>, the same one
/// <see cref="JsonStringEnumConverter{TEnum}"/> writes, so there is one spelling per member.
/// </summary>
public static class EnumWire
{
    private const DynamicallyAccessedMemberTypes Fields = DynamicallyAccessedMemberTypes.PublicFields;

    public static string ToWire<[DynamicallyAccessedMembers(Fields)] T>(this T value)
        where T : struct, Enum =>
        Table<T>.ByValue.TryGetValue(value, out var wire)
            ? wire
            : throw new ArgumentOutOfRangeException(nameof(value), value, $"no wire name for {typeof(T).Name} {value}");

    /// <summary>Exact, case-sensitive match of a wire name; member names and numbers are not accepted.</summary>
    public static bool TryParse<[DynamicallyAccessedMembers(Fields)] T>(string? wire, [NotNullWhen(true)] out T? value)
        where T : struct, Enum
    {
        if (wire is not null && Table<T>.ByWire.TryGetValue(wire, out var found))
        {
            value = found;
            return true;
        }

        value = null;
        return false;
    }

    /// <summary>Every wire name of <typeparamref name="T"/> in declaration order, for error messages and pickers.</summary>
    public static IReadOnlyList<string> Names<[DynamicallyAccessedMembers(Fields)] T>()
        where T : struct, Enum => Table<T>.Names;

    // Built once per enum type; the annotation keeps the fields for trimming and AOT.
    private static class Table<[DynamicallyAccessedMembers(Fields)] T>
        where T : struct, Enum
    {
        public static readonly Dictionary<T, string> ByValue = [];
        public static readonly Dictionary<string, T> ByWire = new(StringComparer.Ordinal);
        public static readonly List<string> Names = [];

        static Table()
        {
            foreach (var field in typeof(T).GetFields(BindingFlags.Public | BindingFlags.Static))
            {
                // A member without a name is a mistake to catch in the first test, not a silent fallback.
                var wire = field.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name
                    ?? throw new InvalidOperationException($"{typeof(T).Name}.{field.Name} has no [JsonStringEnumMemberName]");
                var value = (T)field.GetValue(null)!;
                ByValue.Add(value, wire);
                ByWire.Add(wire, value);
                Names.Add(wire);
            }
        }
    }
}
