using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace TanKy.Hub.Tests.Support;

/// <summary>
/// Debian's <c>icecast2</c> on a loopback port, from a generated configuration in a temp folder,
/// killed and deleted on dispose. Icecast cannot bind port 0, so it is started through
/// <see cref="PortRetry"/> (its "Could not create listener socket" is a <see cref="PortInUseException"/>).
/// As root it is told to change to the <c>icecast2</c> user (it refuses to run as root otherwise),
/// and its log folder is writable by that user. Feed it with <see cref="IcecastFeeder"/>.
/// </summary>
public sealed class IcecastServer : IAsyncDisposable
{
    public const string Program = "/usr/bin/icecast2";

    private readonly Process _process;
    private readonly StringBuilder _output;

    private IcecastServer(Process process, StringBuilder output, string folder, int port, string password)
    {
        (_process, _output, Folder, Port, SourcePassword) = (process, output, folder, port, password);
    }

    public string Folder { get; }

    public int Port { get; }

    /// <summary>The password a source (ffmpeg) publishes with, user <c>source</c>.</summary>
    public string SourcePassword { get; }

    /// <summary>A listener's URL of <paramref name="mount"/> (e.g. "vov1.mp3").</summary>
    public string Url(string mount) => $"http://127.0.0.1:{Port}/{mount}";

    /// <summary>Where a source publishes <paramref name="mount"/>.</summary>
    public string PublishUrl(string mount) => $"icecast://source:{SourcePassword}@127.0.0.1:{Port}/{mount}";

    public string ErrorLog => File.Exists(Path.Combine(Folder, "log", "error.log")) ? File.ReadAllText(Path.Combine(Folder, "log", "error.log")) : "";

    public static async Task<IcecastServer> StartAsync()
    {
        File.Exists(Program).Should().BeTrue("Debian's icecast2 must be installed (.ci/run installs it)");
        var (server, _) = await PortRetry.StartAsync(StartOnAsync);
        return server;
    }

    private static async Task<IcecastServer> StartOnAsync(int port)
    {
        var folder = Path.Combine(Path.GetTempPath(), "tanky-icecast-" + Guid.NewGuid().ToString("N")[..10]);
        var log = Path.Combine(folder, "log");
        Directory.CreateDirectory(log);
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(8)).ToLowerInvariant();
        var root = Environment.IsPrivilegedProcess;
        if (root)
        {
            // Icecast drops to icecast2:icecast before it writes its logs.
            var open = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupWrite
                | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
            File.SetUnixFileMode(folder, open);
            File.SetUnixFileMode(log, open);
        }

        var config = Path.Combine(folder, "icecast.xml");
        await File.WriteAllTextAsync(config, Config(port, password, log, root));
        var psi = new ProcessStartInfo(Program) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = folder };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(config);
        var process = Process.Start(psi)!;
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new IcecastServer(process, output, folder, port, password);
        try
        {
            await server.WaitUntilServingAsync(TimeSpan.FromSeconds(15));
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    // Icecast answers "/" itself once it listens; a port some other program holds answers otherwise or not at all.
    private async Task WaitUntilServingAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                await _process.WaitForExitAsync();
                var said = Said + ErrorLog;
                throw said.Contains("Could not create listener socket", StringComparison.Ordinal)
                    ? new PortInUseException("icecast2: " + said)
                    : new InvalidOperationException($"icecast2 exited {_process.ExitCode}: {said}");
            }

            try
            {
                using var response = await http.GetAsync($"http://127.0.0.1:{Port}/status-json.xsl");
                if (response.Headers.Server.ToString().Contains("Icecast", StringComparison.OrdinalIgnoreCase))
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"icecast2 did not answer on port {Port} within {timeout}: {Said}{ErrorLog}");
    }

    private string Said
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }

    private static string Config(int port, string password, string log, bool root) => $"""
        <icecast>
          <location>test</location>
          <admin>test@localhost</admin>
          <limits>
            <clients>600</clients><sources>10</sources><queue-size>524288</queue-size>
            <client-timeout>30</client-timeout><header-timeout>15</header-timeout><source-timeout>5</source-timeout>
            <burst-on-connect>1</burst-on-connect><burst-size>65535</burst-size>
          </limits>
          <authentication>
            <source-password>{password}</source-password><relay-password>{password}</relay-password>
            <admin-user>admin</admin-user><admin-password>{password}</admin-password>
          </authentication>
          <hostname>127.0.0.1</hostname>
          <listen-socket><port>{port}</port><bind-address>127.0.0.1</bind-address></listen-socket>
          <paths>
            <basedir>/usr/share/icecast2</basedir><logdir>{log}</logdir>
            <webroot>/usr/share/icecast2/web</webroot><adminroot>/usr/share/icecast2/admin</adminroot>
          </paths>
          <logging><accesslog>access.log</accesslog><errorlog>error.log</errorlog><loglevel>3</loglevel><logsize>10000</logsize></logging>
          <security><chroot>0</chroot>{(root ? "<changeowner><user>icecast2</user><group>icecast</group></changeowner>" : "")}</security>
        </icecast>
        """;

    public async ValueTask DisposeAsync()
    {
        await _process.KillAndWaitAsync();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A log still being closed: the temp folder is cleaned by the system.
        }
    }
}
