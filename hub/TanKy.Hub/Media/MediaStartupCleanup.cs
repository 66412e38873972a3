using Microsoft.Extensions.Hosting;

namespace TanKy.Hub.Media;

/// <summary>
/// At start: removes directories an interrupted import or delete left without a row (see
/// <see cref="MediaStore"/>), then takes up the background imports a restart interrupted. At stop:
/// lets the running imports go, so the next start resumes them.
/// </summary>
internal sealed class MediaStartupCleanup(MediaLibrary library, MediaImportJobs jobs) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        library.CleanUp();
        jobs.Recover();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => jobs.StopAsync(cancellationToken);
}
