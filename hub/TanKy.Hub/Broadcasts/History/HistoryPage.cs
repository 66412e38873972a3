namespace TanKy.Hub.Broadcasts.History;

/// <summary>One page of the history and how many match in all.</summary>
public sealed record HistoryPage(IReadOnlyList<HistoryEntry> Entries, int Total, int Page, int PageSize)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public bool HasPrevious => Page > 1;

    public bool HasNext => Page < PageCount;
}
