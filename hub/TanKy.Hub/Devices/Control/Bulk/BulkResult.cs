namespace TanKy.Hub.Devices.Control.Bulk;

/// <summary>
/// Per-device results of one bulk action. <see cref="Partial"/> is true when some devices did
/// it and some did not, so a caller can never mistake a partial failure for success.
/// </summary>
public sealed record BulkResult(IReadOnlyList<DeviceOutcome> Results)
{
    public int Total => Results.Count;

    public int Succeeded => Results.Count(r => r.Succeeded);

    public int Failed => Total - Succeeded;

    public bool Partial => Succeeded > 0 && Failed > 0;

    /// <summary><c>done</c> (every device), <c>partial</c> or <c>failed</c> (none).</summary>
    public string Outcome => Failed == 0 ? "done" : Succeeded > 0 ? "partial" : "failed";

    /// <summary>The same results with each detail (a stored text message) in <paramref name="language"/>.</summary>
    public BulkResult In(string language) =>
        new([.. Results.Select(r => r.Detail is null ? r : r with { Detail = Shared.Text.HubText.Default.Render(r.Detail, language) })]);
}
