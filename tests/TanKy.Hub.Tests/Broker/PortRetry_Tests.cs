using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using TanKy.Hub.Tests.Support;

namespace TanKy.Hub.Tests.Broker;

/// <summary>
/// <see cref="PortRetry"/>, for programs that cannot bind port 0 (mosquitto): a port taken between
/// the pick and the bind costs a retry, never a failed test.
/// </summary>
public sealed class PortRetry_Tests
{
    [Fact]
    public async Task Fifty_parallel_starts_each_bind_a_port_of_their_own()
    {
        var listeners = new ConcurrentBag<TcpListener>();
        try
        {
            // Each "program" binds exactly the port it is given, exclusively, as mosquitto does.
            var started = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => PortRetry.StartAsync(port =>
            {
                var listener = new TcpListener(IPAddress.Loopback, port) { ExclusiveAddressUse = true };
                try
                {
                    listener.Start();
                }
                catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse)
                {
                    throw new PortInUseException(ex.Message);
                }

                listeners.Add(listener);
                return Task.FromResult(listener);
            }))));

            started.Select(s => s.Port).Should().OnlyHaveUniqueItems().And.OnlyContain(p => p > 0);
            started.Should().OnlyContain(s => ((IPEndPoint)s.Started.LocalEndpoint).Port == s.Port, "each program listens on the port reported for it");
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Dispose();
            }
        }
    }

    [Fact]
    public async Task A_port_taken_in_between_is_replaced_by_another()
    {
        var tried = new List<int>();

        var (started, port) = await PortRetry.StartAsync(p =>
        {
            tried.Add(p);
            return tried.Count < 3 ? throw new PortInUseException("Error: Address already in use") : Task.FromResult("running");
        });

        started.Should().Be("running");
        tried.Should().HaveCount(3);
        port.Should().Be(tried[^1]);
    }

    [Fact]
    public async Task It_gives_up_after_a_bounded_number_of_attempts()
    {
        var attempts = 0;

        var start = () => PortRetry.StartAsync<string>(_ =>
        {
            attempts++;
            throw new PortInUseException("Error: Address already in use");
        });

        (await start.Should().ThrowAsync<InvalidOperationException>()).WithInnerException<PortInUseException>();
        attempts.Should().Be(PortRetry.Attempts);
    }

    [Fact]
    public async Task Other_start_failures_are_not_retried()
    {
        var attempts = 0;

        var start = () => PortRetry.StartAsync<string>(_ =>
        {
            attempts++;
            throw new InvalidOperationException("mosquitto exited: Error: Unable to open config file");
        });

        await start.Should().ThrowAsync<InvalidOperationException>().WithMessage("*config file*");
        attempts.Should().Be(1);
    }
}
