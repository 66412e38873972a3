using System.Buffers;
using Dapper;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Protocol;
using TanKy.Hub.Shared.Data;

namespace TanKy.Hub.Broker;

/// <summary>
/// Keeps the embedded broker's retained messages in SQLite (<c>retained_messages</c>) so desired
/// state, device births and hub state survive a restart. Changes are queued and written by a
/// background loop, latest value per topic, one transaction per batch: a durable SQLite commit
/// costs milliseconds on an SD card and must not sit in the broker's publish path.
/// </summary>
internal sealed class RetainedMessageStore : IAsyncDisposable
{
    private readonly Database _db;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Dictionary<string, Change> _pending = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _signal = new(0, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _writer;
    private readonly Lock _writeGate = new();
    private bool _disposed;

    public RetainedMessageStore(Database db, TimeProvider time, ILogger logger)
    {
        _db = db;
        _time = time;
        _logger = logger;
        _writer = Task.Run(WriteLoopAsync);
    }

    public List<MqttApplicationMessage> LoadAll()
    {
        using var connection = _db.Open();
        var rows = connection.Query<Row>("SELECT topic AS Topic, payload AS Payload, qos AS Qos, content_type AS ContentType FROM retained_messages");
        return rows.Select(r => new MqttApplicationMessageBuilder()
                .WithTopic(r.Topic)
                .WithPayload(r.Payload)
                .WithQualityOfServiceLevel((MqttQualityOfServiceLevel)Math.Clamp(r.Qos, 0, 2))
                .WithContentType(r.ContentType)
                .WithRetainFlag(true)
                .Build())
            .ToList();
    }

    /// <summary>Queues a change; an empty payload deletes the topic's retained message (MQTT semantics).</summary>
    public void Enqueue(MqttApplicationMessage message)
    {
        var payload = message.Payload.IsEmpty ? null : message.Payload.ToArray();
        var change = new Change(message.Topic, payload, (int)message.QualityOfServiceLevel, message.ContentType, _time.GetUtcNow().ToUnixTimeMilliseconds());
        lock (_pending)
        {
            _pending[message.Topic] = change;
        }

        // The semaphore holds at most one pending wake-up: many changes, one batch.
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
        }
    }

    /// <summary>Writes everything queued so far; called after the broker stops, so nothing is lost on a clean shutdown.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _stop.CancelAsync();
        try
        {
            await _writer;
        }
        catch (OperationCanceledException)
        {
        }

        WriteBatch();
        _stop.Dispose();
        _signal.Dispose();
    }

    private async Task WriteLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            await _signal.WaitAsync(_stop.Token);
            try
            {
                WriteBatch();
            }
            catch (Exception ex)
            {
                // Losing a retained copy is recoverable (devices re-announce, the hub republishes desired state); stopping the broker is not.
                _logger.LogError(ex, "Could not persist retained MQTT messages");
            }
        }
    }

    private void WriteBatch()
    {
        // One writer at a time, or a late batch could overwrite a newer value of the same topic.
        lock (_writeGate)
        {
            WriteBatchLocked();
        }
    }

    private void WriteBatchLocked()
    {
        List<Change> batch;
        lock (_pending)
        {
            if (_pending.Count == 0)
            {
                return;
            }

            batch = [.. _pending.Values];
            _pending.Clear();
        }

        using var connection = _db.Open();
        using var tx = connection.BeginTransaction();
        foreach (var change in batch)
        {
            if (change.Payload is null)
            {
                connection.Execute("DELETE FROM retained_messages WHERE topic = @Topic", new { change.Topic }, tx);
            }
            else
            {
                connection.Execute(
                    """
                    INSERT INTO retained_messages(topic, payload, qos, content_type, updated_at)
                    VALUES (@Topic, @Payload, @Qos, @ContentType, @UpdatedAt)
                    ON CONFLICT(topic) DO UPDATE SET payload = excluded.payload, qos = excluded.qos,
                        content_type = excluded.content_type, updated_at = excluded.updated_at
                    """,
                    change,
                    tx);
            }
        }

        tx.Commit();
    }

    private sealed record Change(string Topic, byte[]? Payload, int Qos, string? ContentType, long UpdatedAt);

    private sealed class Row
    {
        public string Topic { get; set; } = "";

        public byte[] Payload { get; set; } = [];

        public long Qos { get; set; }

        public string? ContentType { get; set; }
    }
}
