namespace TanKy.Hub.Emergency.Led;

/// <summary>
/// The port to the LED boards. Device control implements it by publishing desired state;
/// the headline policy only decides what each board should show.
/// </summary>
internal interface ILedBoardControl
{
    IReadOnlyList<LedBoard> Boards();

    /// <summary>The message the board is meant to show now (its desired state), null for blank.</summary>
    LedMessage? Current(string boardId);

    Task ShowAsync(string boardId, LedMessage message, CancellationToken ct);

    /// <summary>Puts back the message shown before the emergencies (null: blank).</summary>
    Task RestoreAsync(string boardId, LedMessage? previous, CancellationToken ct);
}
