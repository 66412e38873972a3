using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TanKy.Hub.Devices;
using TanKy.Hub.Tests.Support;
using TanKy.Protocol.Messages;
using TanKy.Hub.Shared;

namespace TanKy.Hub.Tests.Devices;

/// <summary>SD-card budget: telemetry history keeps one row per device per interval, while the latest value and last_seen follow every message.</summary>
public sealed class TelemetryDownsampling_Tests : IDisposable
{
    private const string Id = "loa-khoi-1-a";
    private readonly TempDataDir _dir = new();

    public TelemetryDownsampling_Tests() => _dir.SeedTwoHamlets();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void History_keeps_one_row_per_interval_and_the_latest_value_every_message()
    {
        var recorder = Recorder(new HubOptions { TelemetryHistoryInterval = TimeSpan.FromMinutes(5), TelemetryFlushInterval = TimeSpan.FromMinutes(2) });
        recorder.FlushInterval.Should().Be(TimeSpan.FromMinutes(2), "the flush interval comes from Hub:TelemetryFlushInterval");
        var start = _dir.Time.GetUtcNow();
        var minutes = new[] { 0, 1, 4, 5, 6, 11 };
        foreach (var (m, seq) in minutes.Select((m, i) => (m, i)))
        {
            recorder.Enqueue(Id, new TelemetryMessage { V = 1, Seq = seq, Metrics = new Dictionary<string, double> { ["temp_c"] = 30 + m } }, start.AddMinutes(m));
            if (m == 4)
            {
                recorder.Flush().Should().Be(3); // a flush in between: downsampling carries across batches
            }
        }

        recorder.Flush().Should().Be(3);

        using var c = _dir.Db.Open();
        c.Query<long>("SELECT ts FROM telemetry_history WHERE device_id = @Id ORDER BY ts", new { Id })
            .Should().Equal(new[] { 0, 5, 11 }.Select(m => start.AddMinutes(m).ToUnixTimeMilliseconds()));
        c.QuerySingle<string>("SELECT metrics FROM telemetry_latest WHERE device_id = @Id", new { Id }).Should().Contain("41");
        c.QuerySingle<long>("SELECT last_seen FROM devices WHERE id = @Id", new { Id }).Should().Be(start.AddMinutes(11).ToUnixTimeMilliseconds());
    }

    [Fact]
    public void A_new_recorder_continues_from_the_stored_history_after_a_restart()
    {
        var start = _dir.Time.GetUtcNow();
        var options = new HubOptions { TelemetryHistoryInterval = TimeSpan.FromMinutes(5) };
        var before = Recorder(options);
        before.Enqueue(Id, new TelemetryMessage { V = 1, Seq = 0 }, start);
        before.Flush();

        var after = Recorder(options);
        after.Enqueue(Id, new TelemetryMessage { V = 1, Seq = 1 }, start.AddMinutes(2));
        after.Enqueue(Id, new TelemetryMessage { V = 1, Seq = 2 }, start.AddMinutes(5));
        after.Flush();

        using var c = _dir.Db.Open();
        c.Query<long>("SELECT seq FROM telemetry_history WHERE device_id = @Id ORDER BY ts", new { Id }).Should().Equal(0, 2);
    }

    private TelemetryRecorder Recorder(HubOptions options) => new(_dir.Db, Options.Create(options), _dir.Time, NullLogger<TelemetryRecorder>.Instance);
}
