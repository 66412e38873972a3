namespace TanKy.Hub.Emergency.Led;

/// <summary>One change for one board: show a message, or restore what it showed before (<see cref="Restore"/> true).</summary>
internal sealed record LedCommand(string BoardId, LedMessage? Message, bool Restore);
