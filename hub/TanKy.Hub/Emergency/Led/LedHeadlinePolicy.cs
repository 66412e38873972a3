namespace TanKy.Hub.Emergency.Led;

/// <summary>
/// Which board shows which emergency headline, as pure state: per board, the emergencies that
/// cover it (latest on top, like the loudspeakers' "latest wins") and the message it showed
/// before the first of them, restored when the last one ends. Not thread-safe: the owner serialises.
/// </summary>
internal sealed class LedHeadlinePolicy
{
    private readonly Dictionary<string, BoardState> _boards = new(StringComparer.Ordinal);

    /// <summary>Boards currently showing an emergency.</summary>
    public IReadOnlyCollection<string> ActiveBoards => _boards.Keys;

    /// <param name="boards">All boards; those in any of <paramref name="zones"/> are affected (once each).</param>
    /// <param name="current">Each board's message now, remembered for the restore.</param>
    public IReadOnlyList<LedCommand> Start(string emergencyId, IReadOnlyCollection<string> zones, LedMessage headline, IEnumerable<LedBoard> boards, Func<string, LedMessage?> current)
    {
        var commands = new List<LedCommand>();
        foreach (var board in boards.Where(b => b.Zones.Any(zones.Contains)).DistinctBy(b => b.Id))
        {
            if (!_boards.TryGetValue(board.Id, out var state))
            {
                state = new BoardState(current(board.Id));
                _boards[board.Id] = state;
            }

            state.Stack.RemoveAll(e => e.Id == emergencyId);
            state.Stack.Add((emergencyId, headline));
            commands.Add(new LedCommand(board.Id, headline, Restore: false));
        }

        return commands;
    }

    public IReadOnlyList<LedCommand> End(string emergencyId)
    {
        var commands = new List<LedCommand>();
        foreach (var (boardId, state) in _boards.ToList())
        {
            var index = state.Stack.FindIndex(e => e.Id == emergencyId);
            if (index < 0)
            {
                continue;
            }

            var wasOnTop = index == state.Stack.Count - 1;
            state.Stack.RemoveAt(index);
            if (state.Stack.Count == 0)
            {
                _boards.Remove(boardId);
                commands.Add(new LedCommand(boardId, state.Previous, Restore: true));
            }
            else if (wasOnTop)
            {
                commands.Add(new LedCommand(boardId, state.Stack[^1].Headline, Restore: false));
            }
        }

        return commands;
    }

    private sealed class BoardState(LedMessage? previous)
    {
        public LedMessage? Previous { get; } = previous;

        public List<(string Id, LedMessage Headline)> Stack { get; } = [];
    }
}
