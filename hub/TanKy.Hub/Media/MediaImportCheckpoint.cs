namespace TanKy.Hub.Media;

/// <summary>
/// Awaited by a background import once it holds its lane's slot and is recorded running, before
/// it decodes. The hub registers none; a test registers one to hold a job there and restart the
/// hub mid-processing without guessing at timings.
/// </summary>
public sealed class MediaImportCheckpoint(Func<string, CancellationToken, Task> running)
{
    internal Task RunningAsync(string jobId, CancellationToken ct) => running(jobId, ct);
}
