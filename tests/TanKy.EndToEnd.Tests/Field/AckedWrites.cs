using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using TanKy.Hub.Tests.Support;

namespace TanKy.EndToEnd.Tests.Field;

/// <summary>
/// Writes through the hub's HTTP API while it may be killed at any moment, remembering only
/// what the hub acknowledged with a 2xx, and checks afterwards in its database that every
/// acknowledged write is there. A request cut by the kill proves nothing either way.
/// </summary>
internal sealed class AckedWrites(string dataDir, IReadOnlyList<string> speakers, IReadOnlyList<string> zones, string clip, Random random)
{
    private readonly ConcurrentDictionary<string, (long Version, int Volume)> _desired = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<string> _broadcasts = [];
    private readonly ConcurrentBag<string> _media = [];
    private int _volume;
    private int _desiredAcks;
    private int _tone;

    public int Acknowledged => _desiredAcks + _broadcasts.Count + _media.Count;

    public int AcknowledgedDesired => _desiredAcks;

    public int AcknowledgedBroadcasts => _broadcasts.Count;

    public int AcknowledgedMedia => _media.Count;

    /// <summary>Desired-state PUTs, broadcasts and media uploads in a loop until the hub dies or <paramref name="ct"/> fires.</summary>
    public Task RunAsync(HttpClient http, CancellationToken ct) => Task.WhenAll(
        Loop(() => PutDesiredAsync(http, ct), ct),
        Loop(() => PlayAsync(http, ct), ct),
        Loop(() => UploadAsync(http, ct), ct));

    /// <summary>Opens the database as the next start would (WAL recovery) and checks integrity and every acknowledged write.</summary>
    public void Verify(int cycle)
    {
        using var c = new SqliteConnection($"Data Source={Path.Combine(dataDir, "tanky.db")};Pooling=False");
        c.Open();
        c.ExecuteScalar<string>("PRAGMA integrity_check").Should().Be("ok", $"after kill {cycle}");

        // A row need not have a volume: the hub's own pre-cache orders ("cache") may be all it holds
        // when the kill came before any of our writes to that device.
        var stored = c.Query<(string Id, long Version, string State)>("SELECT device_id, version, state FROM desired_state")
            .ToDictionary(r => r.Id, r => (r.Version, Volume: JsonDocument.Parse(r.State).RootElement.TryGetProperty("volume", out var v) ? v.GetInt32() : (int?)null));
        foreach (var (device, acked) in _desired)
        {
            stored.Should().ContainKey(device, $"kill {cycle}: an acknowledged desired state of {device} was lost");
            stored[device].Version.Should().BeGreaterThanOrEqualTo(acked.Version, $"kill {cycle}: desired version {acked.Version} of {device} was acknowledged");
            if (stored[device].Version == acked.Version)
            {
                stored[device].Volume.Should().Be(acked.Volume, $"kill {cycle}: {device} v{acked.Version}");
            }
        }

        // Set differences, not Contain: a short cycle may have had no broadcast or upload acknowledged.
        var broadcasts = c.Query<string>("SELECT id FROM broadcasts").ToHashSet(StringComparer.Ordinal);
        _broadcasts.Where(id => !broadcasts.Contains(id)).Should().BeEmpty($"kill {cycle}: every broadcast answered 202 is recorded");
        var media = c.Query<string>("SELECT id FROM media").ToHashSet(StringComparer.Ordinal);
        _media.Where(id => !media.Contains(id)).Should().BeEmpty($"kill {cycle}: every upload answered 201 is in the library");
        foreach (var id in _media)
        {
            Directory.Exists(Path.Combine(dataDir, "media", id)).Should().BeTrue($"kill {cycle}: media {id} has its files");
        }
    }

    private static async Task Loop(Func<Task> write, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await write();
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or IOException)
            {
                return; // the hub died (or the cycle ended) mid-request: no acknowledgement
            }
        }
    }

    private async Task PutDesiredAsync(HttpClient http, CancellationToken ct)
    {
        var device = speakers[Interlocked.Increment(ref _volume) % speakers.Count];
        var volume = _volume % 101;
        using var response = await http.PutAsJsonAsync($"/api/v1/devices/{device}/desired", new { volume }, ct);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var version = (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("version").GetInt64();
        Interlocked.Increment(ref _desiredAcks);
        _desired.AddOrUpdate(device, (version, volume), (_, old) => version > old.Version ? (version, volume) : old);
    }

    private async Task PlayAsync(HttpClient http, CancellationToken ct)
    {
        var zone = zones[random.Next(zones.Count)]; // only the broadcast loop draws from it: one thread at a time
        using var response = await http.PostAsJsonAsync("/api/v1/broadcasts", new { zones = new[] { zone }, media = clip, @class = "normal", source = "api" }, ct);
        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        _broadcasts.Add((await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetString()!);
        await Task.Delay(300, ct);
    }

    private async Task UploadAsync(HttpClient http, CancellationToken ct)
    {
        // A different tone each time, so no upload is a duplicate of an earlier one.
        var hz = 300 + (Interlocked.Increment(ref _tone) * 7);
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(ToneWav.Create(TimeSpan.FromSeconds(1), hz)), "file", $"tone-{hz}.wav" },
            { new StringContent(string.Create(CultureInfo.InvariantCulture, $"Âm thử {hz} Hz")), "title" },
        };
        using var response = await http.PostAsync("/api/v1/media", form, ct);
        response.StatusCode.Should().Be(HttpStatusCode.Created);
        _media.Add((await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetString()!);
    }
}
