namespace TanKy.Hub.Emergency.Led;

/// <summary>An LED board and the zones it stands in (a board at a crossroads may serve two hamlets).</summary>
internal sealed record LedBoard(string Id, IReadOnlyList<string> Zones);
