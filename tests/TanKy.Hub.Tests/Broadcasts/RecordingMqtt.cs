using TanKy.Hub.Broadcasts.Clock;
using TanKy.Hub.Broker;

namespace TanKy.Hub.Tests.Broadcasts;

/// <summary>An <see cref="IHubMqtt"/> that keeps every publish with the hub-clock time it happened at.</summary>
internal sealed class RecordingMqtt(HubClock clock) : IHubMqtt
{
    private readonly object _gate = new();
    private readonly List<Published> _published = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsConnected { get; set; } = true;

    /// <summary>Topics whose publish throws, as a refused or disconnected publish would.</summary>
    public Func<string, bool> Fails { get; set; } = _ => false;

    public IReadOnlyList<Published> Published
    {
        get
        {
            lock (_gate)
            {
                return [.. _published];
            }
        }
    }

    public Task PublishAsync(string topic, ReadOnlyMemory<byte> payload, bool retain, int qos = 1, CancellationToken cancellationToken = default)
    {
        if (!IsConnected || Fails(topic))
        {
            throw new InvalidOperationException($"cannot publish to {topic}: not connected");
        }

        TaskCompletionSource changed;
        lock (_gate)
        {
            _published.Add(new Published(topic, payload.ToArray(), retain, qos, clock.NowMicros));
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
        return Task.CompletedTask;
    }

    /// <summary>Waits (up to 10 s of real time) until the predicate holds over everything published.</summary>
    public async Task<IReadOnlyList<Published>> WaitUntilAsync(Func<IReadOnlyList<Published>, bool> condition, string because)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (condition(_published))
                {
                    return [.. _published];
                }

                changed = _changed.Task;
            }

            try
            {
                await changed.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"timed out waiting for {because}; published: {string.Join(", ", Published.Select(p => p.Topic))}");
            }
        }
    }
}

internal sealed record Published(string Topic, byte[] Payload, bool Retain, int Qos, long AtUs);
