using TanKy.Hub.Shared;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TanKy.Hub.Hosting.Systemd;
using TanKy.Hub.Shared.Data;
using TanKy.Hub.Tests.Broker;
using TanKy.Hub.Tests.Schedules;
using TanKy.Hub.Tests.Support;

namespace TanKy.Hub.Tests.Systemd;

/// <summary>
/// The systemd watchdog pings through the real <see cref="SystemdNotifier"/> into a notify socket
/// of the test's own; the journald log format.
/// </summary>
[Collection(ProcessEnvironmentCollection.Name)]
public sealed class SystemdWatchdog_Tests : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);
    private readonly TempDataDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Pings_are_wanted_only_when_systemd_sets_the_socket_and_the_period_for_this_process()
    {
        Dictionary<string, string> env = new() { ["NOTIFY_SOCKET"] = "/run/systemd/notify" };
        SystemdWatchdogSettings.FromEnvironment(k => env.GetValueOrDefault(k), 42).Should().BeNull("no WatchdogSec in the unit");

        env["WATCHDOG_USEC"] = "30000000";
        var settings = SystemdWatchdogSettings.FromEnvironment(k => env.GetValueOrDefault(k), 42);
        settings.Should().Be(new SystemdWatchdogSettings("/run/systemd/notify", TimeSpan.FromSeconds(30)));
        settings!.PingInterval.Should().Be(TimeSpan.FromSeconds(15));

        env["WATCHDOG_PID"] = "7";
        SystemdWatchdogSettings.FromEnvironment(k => env.GetValueOrDefault(k), 42).Should().BeNull("the pings are for another process");
        env["WATCHDOG_USEC"] = "nonsense";
        env["WATCHDOG_PID"] = "42";
        SystemdWatchdogSettings.FromEnvironment(k => env.GetValueOrDefault(k), 42).Should().BeNull();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_hub_sends_WATCHDOG_1_at_half_the_watchdog_period(bool abstractSocket)
    {
        var name = "tanky-notify-" + Guid.NewGuid().ToString("N")[..8];
        var socketPath = abstractSocket ? "@" + name : Path.Combine(_dir.Path, name);
        using var systemd = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        systemd.Bind(new UnixDomainSocketEndPoint(abstractSocket ? "\0" + name : socketPath));
        var time = new CountingFakeTimeProvider(_dir.Time.GetUtcNow());
        using var watchdog = new SystemdWatchdog(new SystemdWatchdogSettings(socketPath, TimeSpan.FromSeconds(30)), NotifierFor(socketPath), _dir.Db, time, NullLogger<SystemdWatchdog>.Instance);

        await watchdog.StartAsync(CancellationToken.None);
        (await Receive(systemd)).Should().Be("WATCHDOG=1", "the first ping goes out at start");
        var second = Receive(systemd);

        // Between pings the watchdog waits on its timer on this clock. Advance runs every callback
        // that falls due before it returns: none at 14 s means nothing woke the watchdog to ping.
        time.Advance(TimeSpan.FromSeconds(14));
        time.Callbacks.Should().Be(0, "the next ping is due at 15 s, half of WatchdogSec");
        time.Advance(TimeSpan.FromSeconds(1));
        time.Callbacks.Should().Be(1, "the 15 s tick");
        (await second).Should().Be("WATCHDOG=1");

        await watchdog.StopAsync(CancellationToken.None);
        watchdog.Pings.Should().Be(2, "one ping at start and one per tick, no more");
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public async Task Without_systemd_nothing_is_sent(bool watchdogWanted, bool notifySocket)
    {
        var socketPath = Path.Combine(_dir.Path, "notify");
        using var systemd = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        systemd.Bind(new UnixDomainSocketEndPoint(socketPath));
        var settings = watchdogWanted ? new SystemdWatchdogSettings(socketPath, TimeSpan.FromSeconds(30)) : null;
        using var watchdog = new SystemdWatchdog(settings, NotifierFor(notifySocket ? socketPath : null), _dir.Db, TimeProvider.System, NullLogger<SystemdWatchdog>.Instance);

        await watchdog.StartAsync(CancellationToken.None);
        await watchdog.ExecuteTask!;

        watchdog.Pings.Should().Be(0);
        systemd.Available.Should().Be(0);
    }

    [Fact]
    public async Task No_ping_goes_out_while_the_database_cannot_answer_SELECT_1()
    {
        var socketPath = Path.Combine(_dir.Path, "notify");
        using var systemd = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        systemd.Bind(new UnixDomainSocketEndPoint(socketPath));
        var broken = new Database(Path.Combine(_dir.Path, "broken"));
        Directory.CreateDirectory(broken.FilePath); // a directory where the database file should be: Open() fails
        var time = new CountingFakeTimeProvider(_dir.Time.GetUtcNow());
        using var logs = new ListLoggerProvider();
        using var factory = new LoggerFactory([logs]);
        using var watchdog = new SystemdWatchdog(new SystemdWatchdogSettings(socketPath, TimeSpan.FromSeconds(30)), NotifierFor(socketPath), broken, time, factory.CreateLogger<SystemdWatchdog>());

        await watchdog.StartAsync(CancellationToken.None);
        await SkippedPings(logs, 1);
        time.Advance(TimeSpan.FromSeconds(15));
        await SkippedPings(logs, 2);
        await watchdog.StopAsync(CancellationToken.None);

        watchdog.Pings.Should().Be(0);
        systemd.Available.Should().Be(0, "systemd hears nothing, so it restarts the hub");
    }

    // ExecuteAsync runs in the background: wait for the attempts to show in the log.
    private static async Task SkippedPings(ListLoggerProvider logs, int count)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (logs.Lines.Count(l => l.Contains("ping skipped", StringComparison.Ordinal)) < count)
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "attempt {0} should have been logged", count);
            await Task.Delay(10);
        }
    }

    /// <summary>SystemdNotifier reads NOTIFY_SOCKET once, when constructed; set it just for that.</summary>
    private static SystemdNotifier NotifierFor(string? socket)
    {
        var previous = Environment.GetEnvironmentVariable("NOTIFY_SOCKET");
        Environment.SetEnvironmentVariable("NOTIFY_SOCKET", socket);
        try
        {
            return new SystemdNotifier();
        }
        finally
        {
            Environment.SetEnvironmentVariable("NOTIFY_SOCKET", previous);
        }
    }

    private static async Task<string> Receive(Socket socket)
    {
        var buffer = new byte[256];
        using var timeout = new CancellationTokenSource(Wait);
        var n = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
        return Encoding.ASCII.GetString(buffer, 0, n);
    }
}

/// <summary>Tests that change the process's environment run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironmentCollection
{
    public const string Name = "process environment";
}

/// <summary>Under systemd the console lines carry a syslog priority prefix and no timestamp of their own.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class JournalLogFormat_Tests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Log_lines_suit_journald_under_systemd_and_a_terminal_otherwise(bool journal)
    {
        var output = new StringWriter();
        var previous = Console.Out;
        Console.SetOut(output);
        try
        {
            using (var factory = LoggerFactory.Create(b => b.AddHubConsole(journal)))
            {
                var logger = factory.CreateLogger("TanKy.Hub.Test");
                logger.LogWarning("SD card {State}", "slow");
                logger.LogError("broker {State}", "down");
            }
        }
        finally
        {
            Console.SetOut(previous);
        }

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(2, "one line per entry");
        if (journal)
        {
            lines[0].Should().StartWith("<4>TanKy.Hub.Test").And.Contain("SD card slow");
            lines[1].Should().StartWith("<3>TanKy.Hub.Test").And.Contain("broker down");
        }
        else
        {
            lines[0].Should().MatchRegex(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d warn: TanKy.Hub.Test\[0\] SD card slow");
        }
    }
}
