using Microsoft.Extensions.Hosting;

namespace TanKy.Hub.Media;

/// <summary>Removes directories an interrupted import or delete left without a row (see <see cref="MediaStore"/>).</summary>
internal sealed class MediaStartupCleanup(MediaLibrary library) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        library.CleanUp();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
