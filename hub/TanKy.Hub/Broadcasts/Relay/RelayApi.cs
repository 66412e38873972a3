using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using TanKy.Hub.Accounts.Http;
using TanKy.Hub.Broadcasts.Api;
using TanKy.Hub.Shared.Text;
using TanKy.Hub.Shared.Web;

namespace TanKy.Hub.Broadcasts.Relay;

/// <summary>The relay parts of the broadcasts API: the <c>relay</c> body of a play request, and a relay's live status.</summary>
internal static class RelayApi
{
    /// <summary>The relay a body asks for (null when it asks for none), or why it cannot be read.</summary>
    public static (RelayContent? Relay, TextMessage? Error) Read(PlayBroadcastBody body)
    {
        if (body.Relay is not { } relay)
        {
            return (null, null);
        }

        if (!string.IsNullOrEmpty(body.Media))
        {
            return (null, new TextMessage("relayair.api.both"));
        }

        if (string.IsNullOrWhiteSpace(relay.Source))
        {
            return (null, new TextMessage("relayair.api.no-source"));
        }

        TimeSpan? duration = null;
        if (relay.Duration is { } text)
        {
            if (!RelayDuration.TryParse(text, out var d))
            {
                return (null, new TextMessage("relayair.api.bad-duration", text));
            }

            duration = d;
        }

        return (new RelayContent(relay.Source.Trim(), duration, string.IsNullOrWhiteSpace(relay.Fallback) ? null : relay.Fallback.Trim()), null);
    }

    /// <summary>
    /// <c>GET /api/v1/broadcasts/{id}/relay-status</c>: whether the source is received, its level,
    /// dropouts and what the relay airs now; for a relay that ended (recently), its final counts.
    /// Anyone who may read the broadcast may read it.
    /// </summary>
    public static IResult Status(string id, HttpContext http, IBroadcastService service, [FromServices] RelayBroadcasts relays)
    {
        var record = service.Get(id);
        if (record is null)
        {
            return ApiProblems.Result(404, "api.broadcast.not-found");
        }

        if (!http.User.ToUser().CanReachAny(record.Zones))
        {
            return ApiProblems.Result(403, "api.forbidden", new TextMessage("api2.bc.outside-one", id));
        }

        return relays.Find(id) is { } found
            ? Results.Ok(RelayStatusDto.Of(id, found.Relay, found.Running))
            : ApiProblems.Result(404, "api.broadcast.not-found", new TextMessage("relayair.api.not-relay", id));
    }
}

/// <summary>A relay's status: the feed's report (<see cref="PcmFeedStatusReport"/>), what it airs, the output level and gain, and its counts.</summary>
public sealed record RelayStatusDto(
    string BroadcastId,
    string Source,
    string SourceName,
    bool Running,
    string Mode,
    PcmFeedStatusReport? Feed,
    double? OutputLevelDbfs,
    double GainDb,
    RelayCounts Counts)
{
    internal static RelayStatusDto Of(string id, RelayAudioSource relay, bool running) =>
        new(id, relay.SourceId, relay.SourceName, running, relay.Mode.ToString().ToLowerInvariant(), relay.FeedStatus,
            relay.Counters.LevelDbfs is { } l ? Math.Round(l, 1) : null, Math.Round(relay.GainDb, 1), relay.Counters.Snapshot());
}
