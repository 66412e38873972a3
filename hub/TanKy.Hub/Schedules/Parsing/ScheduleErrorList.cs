using System.Globalization;
using TanKy.Hub.Schedules.Model;

namespace TanKy.Hub.Schedules.Parsing;

/// <summary>
/// Every error as one <c>file:line:column: reason</c> line, up to a cap (a broken 5,000-line
/// file should not scroll the real problem away), then one line saying how many were left out.
/// The CLI's <c>schedules check</c> and the console's programme page both print this list.
/// </summary>
public static class ScheduleErrorList
{
    public const int Cap = 200;

    public static IEnumerable<string> Lines(IReadOnlyList<ScheduleError> errors, int cap, Func<string, string> text)
    {
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(text);
        foreach (var error in errors.Take(cap))
        {
            yield return error.ToString(text);
        }

        if (errors.Count > cap)
        {
            yield return More(errors.Count - cap, text);
        }
    }

    /// <summary>"… và N lỗi nữa".</summary>
    public static string More(int left, Func<string, string> text) =>
        string.Format(CultureInfo.InvariantCulture, text("sched.check.more"), left);
}
