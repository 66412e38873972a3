using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using TanKy.Hub.Tests.Support;

namespace TanKy.Hub.Tests.Systemd;

/// <summary>
/// The real hub process as systemd runs it, with a stand-in for systemd: a parent process named
/// <c>systemd</c> (how Microsoft.Extensions.Hosting.Systemd recognises a service) and a notify
/// socket of the test's own. The hub must say READY=1, send WATCHDOG=1 at half of
/// WATCHDOG_USEC, log in the journal's format, and say STOPPING=1 on SIGTERM.
/// </summary>
public sealed class SystemdProcess_Tests : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    private readonly TempDataDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Under_systemd_the_hub_notifies_ready_pings_the_watchdog_and_logs_for_the_journal()
    {
        var socketPath = Path.Combine(_dir.Path, "notify");
        using var systemd = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        systemd.Bind(new UnixDomainSocketEndPoint(socketPath));

        // A shell named "systemd" stays the hub's parent (the trailing ':' stops it exec-ing the hub).
        var parent = Path.Combine(_dir.Path, "systemd");
        File.CreateSymbolicLink(parent, "/bin/bash");
        var dll = Path.Combine(AppContext.BaseDirectory, "tanky-hub.dll");
        var start = new ProcessStartInfo(parent, ["-c", $"dotnet \"{dll}\" run --Hub:DataDir=\"{_dir.Path}/data\" --Broker:Port=0 --Http:Urls=http://127.0.0.1:0; :"])
        {
            RedirectStandardOutput = true,
            WorkingDirectory = _dir.Path,
        };
        start.Environment["NOTIFY_SOCKET"] = socketPath;
        start.Environment["WATCHDOG_USEC"] = "1000000";
        start.Environment.Remove("JOURNAL_STREAM");
        using var shell = Process.Start(start)!;
        var stdout = new StringBuilder();
        shell.OutputDataReceived += (_, e) => { lock (stdout) { stdout.AppendLine(e.Data); } };
        shell.BeginOutputReadLine();
        try
        {
            var messages = new List<string>();
            await ReceiveUntil(systemd, messages, m => m.Contains("READY=1") && m.Count(x => x == "WATCHDOG=1") >= 3);
            messages.IndexOf("READY=1").Should().BeGreaterThanOrEqualTo(0);

            var hub = HubChildOf(shell.Id);
            using (var term = Process.Start("kill", ["-TERM", hub.ToString(CultureInfo.InvariantCulture)])!)
            {
                await term.WaitForExitAsync();
            }

            await ReceiveUntil(systemd, messages, m => m.Contains("STOPPING=1"));
            using var exited = new CancellationTokenSource(Wait);
            await shell.WaitForExitAsync(exited.Token);
            shell.ExitCode.Should().Be(0, "SIGTERM is a clean stop");

            string text;
            lock (stdout)
            {
                text = stdout.ToString();
            }

            var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            lines.Should().Contain(l => l.StartsWith("<6>TanKy.Hub.Hosting.Systemd.SystemdWatchdog", StringComparison.Ordinal) && l.Contains("pinging every 00:00:00.5", StringComparison.Ordinal));
            lines.Should().OnlyContain(l => l.Length > 3 && l[0] == '<' && l[2] == '>', "every line carries a syslog priority for journald");
        }
        finally
        {
            if (!shell.HasExited)
            {
                shell.Kill(entireProcessTree: true);
            }
        }
    }

    private static async Task ReceiveUntil(Socket socket, List<string> messages, Func<List<string>, bool> done)
    {
        using var timeout = new CancellationTokenSource(Wait);
        var buffer = new byte[512];
        while (!done(messages))
        {
            var n = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
            messages.Add(Encoding.ASCII.GetString(buffer, 0, n).Trim());
        }
    }

    /// <summary>The hub's pid: the shell's only child.</summary>
    private static int HubChildOf(int shell)
    {
        var children = File.ReadAllText($"/proc/{shell}/task/{shell}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        children.Should().ContainSingle();
        return int.Parse(children[0], CultureInfo.InvariantCulture);
    }
}
