namespace TanKy.Hub.Schedules.Parsing;

/// <summary>Day-of-week words in English and Vietnamese (t2…t7, cn), plus the usual groups.</summary>
internal static class DayNames
{
    private static readonly Dictionary<string, DayOfWeek> Single = new(StringComparer.OrdinalIgnoreCase)
    {
        ["mon"] = DayOfWeek.Monday, ["t2"] = DayOfWeek.Monday,
        ["tue"] = DayOfWeek.Tuesday, ["t3"] = DayOfWeek.Tuesday,
        ["wed"] = DayOfWeek.Wednesday, ["t4"] = DayOfWeek.Wednesday,
        ["thu"] = DayOfWeek.Thursday, ["t5"] = DayOfWeek.Thursday,
        ["fri"] = DayOfWeek.Friday, ["t6"] = DayOfWeek.Friday,
        ["sat"] = DayOfWeek.Saturday, ["t7"] = DayOfWeek.Saturday,
        ["sun"] = DayOfWeek.Sunday, ["cn"] = DayOfWeek.Sunday,
    };

    public const string Help = "mon…sun, t2…t7, cn, daily, weekdays, weekend";

    public static IReadOnlyList<DayOfWeek>? Parse(string word) => word.ToLowerInvariant() switch
    {
        "daily" or "hang-ngay" => Enum.GetValues<DayOfWeek>(),
        "weekdays" => [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday],
        "weekend" => [DayOfWeek.Saturday, DayOfWeek.Sunday],
        _ => Single.TryGetValue(word, out var d) ? [d] : null,
    };
}
