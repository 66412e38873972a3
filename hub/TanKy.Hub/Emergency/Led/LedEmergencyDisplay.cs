using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TanKy.Protocol;

namespace TanKy.Hub.Emergency.Led;

/// <summary>
/// Applies <see cref="LedHeadlinePolicy"/> to the boards through <see cref="ILedBoardControl"/>.
/// The broadcast engine calls <see cref="StartAsync"/> when an emergency begins and
/// <see cref="EndAsync"/> when it ends (finished, cancelled or preempted for good).
/// </summary>
internal sealed class LedEmergencyDisplay(ILedBoardControl boards, IOptions<LedOptions> options, ILogger<LedEmergencyDisplay> log)
{
    private readonly LedHeadlinePolicy _policy = new();
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task StartAsync(string emergencyId, IReadOnlyCollection<string> zones, string headline, CancellationToken ct)
    {
        var message = new LedMessage(LedHeadlineText.For(headline, options.Value.MaxCharacters), BulletinClass.Emergency);
        await _gate.WaitAsync(ct);
        try
        {
            await ApplyAsync(_policy.Start(emergencyId, zones, message, boards.Boards(), boards.Current), ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task EndAsync(string emergencyId, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            await ApplyAsync(_policy.End(emergencyId), ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task ApplyAsync(IReadOnlyList<LedCommand> commands, CancellationToken ct)
    {
        foreach (var command in commands)
        {
            // One unreachable board must not keep the others from showing the warning.
            try
            {
                if (command.Restore)
                {
                    await boards.RestoreAsync(command.BoardId, command.Message, ct);
                }
                else
                {
                    await boards.ShowAsync(command.BoardId, command.Message!, ct);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogError(ex, "LED board {Board}: could not {What}", command.BoardId, command.Restore ? "restore its message" : "show the emergency headline");
            }
        }
    }
}
