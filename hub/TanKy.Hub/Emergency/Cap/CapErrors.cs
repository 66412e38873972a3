using System.Xml;
using System.Xml.Linq;

namespace TanKy.Hub.Emergency.Cap;

/// <summary>Collects validation errors as "path (line n): problem" so a sender can fix them all in one go.</summary>
internal sealed class CapErrors
{
    /// <summary>A hostile document could produce thousands of errors; the first ones are enough to fix it.</summary>
    private const int MaxErrors = 50;

    private readonly List<string> _errors = [];

    public IReadOnlyList<string> All => _errors;

    public int Count => _errors.Count;

    public void Add(XObject? at, string path, string problem)
    {
        if (_errors.Count >= MaxErrors)
        {
            return;
        }

        var line = at is IXmlLineInfo info && info.HasLineInfo() ? $" (line {info.LineNumber})" : "";
        _errors.Add($"{path}{line}: {problem}");
    }
}
