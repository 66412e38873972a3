using System.Text;
using ArchUnitNET.Domain;

namespace TanKy.Hub.Tests.Architecture;

using static HubArchitecture;

/// <summary>
/// A feature uses another feature (Shared included) only through that feature's public types. All
/// features are in one assembly, so the compiler lets any type use an <c>internal</c> one: this test is
/// what keeps <c>internal</c> meaning "of this feature only".
/// </summary>
public sealed class FeatureEncapsulation_Tests
{
    [Fact]
    public void Features_use_only_the_public_types_of_other_features()
    {
        var byName = Loaded.Types.GroupBy(t => t.FullName, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

        var reaches = CrossFeatureUses()
            .Where(u => !IsEffectivelyPublic(u.Target, byName))
            .GroupBy(u => (u.From, u.To, Target: SourceName(u.Target)))
            .OrderBy(g => g.Key.From, StringComparer.Ordinal)
            .ThenBy(g => g.Key.To, StringComparer.Ordinal)
            .ThenBy(g => g.Key.Target, StringComparer.Ordinal)
            .ToList();
        if (reaches.Count == 0)
        {
            return;
        }

        var message = new StringBuilder();
        message.AppendLine($"{reaches.Count} non-public {(reaches.Count == 1 ? "type is" : "types are")} used from another feature "
            + "(make the type public as part of its feature's API, or move the code that uses it):");
        foreach (var reach in reaches)
        {
            var target = reach.First().Target;
            var users = reach.Select(u => SourceName(u.Origin)).Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal).ToList();
            message.AppendLine($"  {reach.Key.From} -> {reach.Key.To}: {reach.Key.Target} "
                + $"({Describe(target, byName)}) used by {string.Join(", ", users)}");
        }
        Assert.Fail(message.ToString());
    }

    /// <summary>Public itself and every declaring type public: a public type nested in an internal
    /// one is not usable from outside.</summary>
    private static bool IsEffectivelyPublic(IType type, IReadOnlyDictionary<string, IType> byName)
    {
        for (IType? t = type; t is not null; t = DeclaringType(t, byName))
        {
            if (t.Visibility != Visibility.Public)
            {
                return false;
            }
        }
        return true;
    }

    private static IType? DeclaringType(IType type, IReadOnlyDictionary<string, IType> byName)
    {
        var plus = type.FullName.LastIndexOf('+');
        return plus < 0 ? null : byName.GetValueOrDefault(type.FullName[..plus]);
    }

    private static string Describe(IType type, IReadOnlyDictionary<string, IType> byName)
    {
        if (type.Visibility != Visibility.Public)
        {
            return type.Visibility.ToString(false);
        }
        var hidden = DeclaringType(type, byName);
        while (hidden is not null && hidden.Visibility == Visibility.Public)
        {
            hidden = DeclaringType(hidden, byName);
        }
        return hidden is null ? "public" : $"nested in {hidden.Visibility.ToString(false)} {hidden.FullName}";
    }
}
