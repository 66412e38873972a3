using System.Diagnostics;

namespace TanKy.Hub.Tests.Broker;

/// <summary>Runs Debian's mosquitto_pub / mosquitto_sub as independent MQTT clients.</summary>
internal static class MosquittoClients
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public override string ToString() => $"exit {ExitCode}, stdout '{Stdout.Trim()}', stderr '{Stderr.Trim()}'";
    }

    public static Task<Result> PubAsync(int port, string user, string password, string topic, string message, params string[] extra) =>
        RunAsync("mosquitto_pub", [.. Common(port, user, password), "-t", topic, "-m", message, "-q", "1", "-V", "mqttv5", .. extra]);

    /// <summary>Waits for one message (-C 1) for at most <paramref name="waitSeconds"/> (-W).</summary>
    public static Task<Result> SubOneAsync(int port, string user, string password, string topic, int waitSeconds = 5, params string[] extra) =>
        RunAsync("mosquitto_sub", [.. Common(port, user, password), "-t", topic, "-C", "1", "-W", waitSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), "-V", "mqttv5", "-v", .. extra]);

    /// <summary>Starts a long-running mosquitto_sub; the returned process prints "topic payload" lines.</summary>
    public static Process StartSub(int port, string user, string password, string topic, int count)
    {
        var psi = new ProcessStartInfo("mosquitto_sub") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in Common(port, user, password).Concat(["-t", topic, "-C", count.ToString(System.Globalization.CultureInfo.InvariantCulture), "-W", "10", "-V", "mqttv5", "-v", "-d"]))
        {
            psi.ArgumentList.Add(a);
        }

        return Process.Start(psi)!;
    }

    public static async Task<Result> RunAsync(string exe, IEnumerable<string> args)
    {
        var psi = new ProcessStartInfo(exe) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{exe} did not exit");
        }

        return new Result(process.ExitCode, await stdout, await stderr);
    }

    private static string[] Common(int port, string user, string password) =>
        ["-h", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-i", user, "-u", user, "-P", password];
}
