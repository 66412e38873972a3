using System.Text;
using TanKy.Protocol;

namespace TanKy.Hub.Broker;

/// <summary>
/// <see cref="TopicAcl"/>'s rules in Mosquitto's acl_file syntax. Own-topic rules are
/// <c>pattern</c> lines with <c>%u</c> (the exported config forces client id = user name);
/// streams, hub state and zone play orders are per-user lines (zones differ per device).
/// </summary>
internal static class MosquittoAclWriter
{
    /// <summary>Topics under <c>dev/%u/</c> a device publishes, and the ones it reads.</summary>
    private static readonly string[] DeviceWrites = ["state", "telemetry", "reported", "reply", "event", "time"];
    private static readonly string[] DeviceReads = ["desired", "cmd", "time/reply"];

    public static string Write(string site, string hubUser, bool tools, IReadOnlyList<(string Id, IReadOnlyList<string> Zones)> devices)
    {
        var topics = new Topics(site);
        var root = topics.Root;
        var acl = new StringBuilder();
        acl.Append("# TanKy.Iot MQTT ACL for site ").Append(site).AppendLine(" (generated from the device registry; edits are overwritten).")
            .AppendLine("# Same rules as the embedded broker's TopicAcl: hub/docs/protocol.md, DESIGN §3.")
            .AppendLine()
            .AppendLine("# The hub: everything of its site.")
            .Append("user ").AppendLine(hubUser)
            .Append("topic readwrite ").Append(root).AppendLine("/#")
            .AppendLine();
        if (tools)
        {
            acl.AppendLine("# Technicians' account: read-only.")
                .Append("user ").AppendLine(BrokerIdentities.ToolsUserName)
                .Append("topic read ").Append(root).AppendLine("/#")
                .AppendLine();
        }

        // Per-user lines for what is not the device's own: a pattern without %u would make Mosquitto warn at every start.
        acl.AppendLine("# Each device: all streams, hub state and the play orders of its zones.");
        foreach (var (id, zones) in devices)
        {
            acl.Append("user ").AppendLine(id)
                .Append("topic read ").AppendLine(topics.AllStreams)
                .Append("topic read ").AppendLine(topics.HubState);
            foreach (var zone in zones)
            {
                acl.Append("topic read ").AppendLine(topics.ZonePlay(zone));
            }
        }

        acl.AppendLine()
            .AppendLine("# Every client: its own device topics (%u = user name = client id).");
        foreach (var leaf in DeviceWrites)
        {
            acl.Append("pattern write ").Append(root).Append("/dev/%u/").AppendLine(leaf);
        }

        foreach (var leaf in DeviceReads)
        {
            acl.Append("pattern read ").Append(root).Append("/dev/%u/").AppendLine(leaf);
        }

        return acl.ToString();
    }
}
