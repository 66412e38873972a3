using TanKy.Hub.Reports.Text;
using TanKy.Hub.Shared.Text;

namespace TanKy.Hub.Reports;

/// <summary>
/// A report parameter that cannot be used. The message is a whole Vietnamese sentence with the
/// reason (issue #17: "Kỳ báo cáo không hợp lệ: invalid period …" mixed English into Vietnamese);
/// <see cref="Key"/> and <see cref="Args"/> let a caller show it in English instead, and
/// <see cref="ILocalizedError"/> lets the CLI's generic error path do the same.
/// </summary>
public sealed class ReportInputException : FormatException, ILocalizedError
{
    internal ReportInputException(string key, params object?[] args)
        : base(ReportText.Get(key, args))
    {
        Key = key;
        Args = args;
    }

    public string Key { get; }

    public IReadOnlyList<object?> Args { get; }

    public TextMessage Text => new(Key, [.. Args]);

    public string MessageIn(string language) => ReportText.In(language, Key, [.. Args]);
}
