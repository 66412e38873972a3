using System.Text.Json.Nodes;
using Dapper;
using TanKy.Hub.Shared.Data;

namespace TanKy.Hub.Schedules.Precache;

/// <summary>
/// Reads what speakers report about their cache (<c>reported.state.cache</c>: media id →
/// <c>ready</c> | <c>failed</c> | <c>downloading</c>), as stored by the reported-state recorder.
/// </summary>
public sealed class CacheStateReader(Database db)
{
    /// <summary>device id → (media id → state), for every device that reported a cache map.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Read()
    {
        using var c = db.Open();
        var result = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var (device, state) in c.Query<(string, string)>("SELECT device_id, state FROM reported_state WHERE state LIKE '%\"cache\"%'"))
        {
            if (JsonNode.Parse(state) is JsonObject { } o && o["cache"] is JsonObject cache)
            {
                result[device] = cache.Where(kv => kv.Value is JsonValue).ToDictionary(kv => kv.Key, kv => kv.Value!.ToString(), StringComparer.Ordinal);
            }
        }

        return result;
    }
}
