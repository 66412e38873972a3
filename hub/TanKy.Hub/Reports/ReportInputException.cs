using TanKy.Hub.Reports.Text;

namespace TanKy.Hub.Reports;

/// <summary>
/// A report parameter that cannot be used. The message is a whole Vietnamese sentence with the
/// reason (issue #17: "Kỳ báo cáo không hợp lệ: invalid period …" mixed English into Vietnamese);
/// <see cref="Key"/> and <see cref="Args"/> let a caller show it in English instead.
/// </summary>
public sealed class ReportInputException : FormatException
{
    internal ReportInputException(string key, params object?[] args)
        : base(ReportText.Get(key, args))
    {
        Key = key;
        Args = args;
    }

    public string Key { get; }

    public IReadOnlyList<object?> Args { get; }

    public string MessageIn(string language) => ReportText.In(language, Key, [.. Args]);
}
