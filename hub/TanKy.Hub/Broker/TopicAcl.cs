using TanKy.Protocol;

namespace TanKy.Hub.Broker;

/// <summary>
/// The topic policy of protocol v1 (DESIGN §3) for one site, as a pure function of identity and
/// topic. The embedded broker calls it on every publish and subscription; the Mosquitto
/// exporter writes the same rules as an ACL file.
/// </summary>
internal sealed class TopicAcl
{
    private readonly Topics _topics;
    private readonly string _siteLevelPrefix;

    public TopicAcl(string site)
    {
        _topics = new Topics(site);
        _siteLevelPrefix = _topics.Root + "/";
    }

    public string Site => _topics.Site;

    /// <summary>May <paramref name="who"/> publish to <paramref name="topic"/> (a topic name, never a filter)?</summary>
    public bool CanPublish(MqttIdentity who, string? topic)
    {
        if (string.IsNullOrEmpty(topic) || HasWildcard(topic))
        {
            return false;
        }

        return who.Kind switch
        {
            // The hub owns the site tree: besides its own topics it may clear a removed device's retained messages.
            MqttIdentityKind.Hub => IsUnderSite(topic),
            MqttIdentityKind.Device => Topics.TryParse(topic, out var parsed)
                && parsed.Site == Site
                && parsed.IsDevicePublished
                && parsed.Subject == who.Name,
            _ => false,
        };
    }

    /// <summary>May <paramref name="who"/> subscribe to <paramref name="filter"/> (a topic filter)?</summary>
    public bool CanSubscribe(MqttIdentity who, string? filter)
    {
        if (string.IsNullOrEmpty(filter) || !IsWellFormedFilter(filter))
        {
            return false;
        }

        return who.Kind switch
        {
            MqttIdentityKind.Hub or MqttIdentityKind.Tools => IsUnderSite(filter),
            MqttIdentityKind.Device => DeviceMaySubscribe(who, filter),
            _ => false,
        };
    }

    private bool DeviceMaySubscribe(MqttIdentity device, string filter)
    {
        // The only wildcard a device needs: every speaker listens to all streams and picks by play order.
        if (filter == _topics.AllStreams)
        {
            return true;
        }

        if (HasWildcard(filter) || !Topics.TryParse(filter, out var parsed) || parsed.Site != Site)
        {
            return false;
        }

        return parsed.Kind switch
        {
            TopicKind.Desired or TopicKind.Command or TopicKind.TimeReply => parsed.Subject == device.Name,
            TopicKind.ZonePlay => device.Zones.Contains(parsed.Subject!),
            TopicKind.Stream or TopicKind.HubState => true,
            _ => false,
        };
    }

    /// <summary>
    /// Strictly below <c>tanky/v1/{site}/</c>, with the site level spelled out (no wildcard
    /// can reach another site). <c>$share/…</c> and <c>$SYS/…</c> never match.
    /// </summary>
    private bool IsUnderSite(string topicOrFilter) =>
        topicOrFilter.Length > _siteLevelPrefix.Length
        && topicOrFilter.StartsWith(_siteLevelPrefix, StringComparison.Ordinal);

    private static bool HasWildcard(string topic) => topic.AsSpan().IndexOfAny('+', '#') >= 0;

    /// <summary>MQTT filter syntax: '+' and '#' fill a whole level, '#' only last; no empty filter or NUL.</summary>
    private static bool IsWellFormedFilter(string filter)
    {
        if (filter.Contains('\0', StringComparison.Ordinal))
        {
            return false;
        }

        var levels = filter.Split('/');
        for (var i = 0; i < levels.Length; i++)
        {
            var level = levels[i];
            var wildcard = level.AsSpan().IndexOfAny('+', '#') >= 0;
            if (wildcard && level is not ("+" or "#"))
            {
                return false;
            }

            if (level == "#" && i != levels.Length - 1)
            {
                return false;
            }
        }

        return true;
    }
}
