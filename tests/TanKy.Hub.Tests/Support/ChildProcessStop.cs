using System.Diagnostics;

namespace TanKy.Hub.Tests.Support;

/// <summary>Stops a fixture's child process (icecast2, ffmpeg) and everything it started, and reaps it.</summary>
public static class ChildProcessStop
{
    public static async Task KillAndWaitAsync(this Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync();
        }
        catch (InvalidOperationException)
        {
            // Never started, or already reaped.
        }

        process.Dispose();
    }
}
