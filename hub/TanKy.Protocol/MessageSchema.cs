using TanKy.Protocol.Messages;

namespace TanKy.Protocol;

/// <summary>Field rules beyond JSON shape (protocol.md §4). Returns a reason, or null when valid.</summary>
internal static class MessageSchema
{
    public static string? Check(IProtocolMessage message) => message switch
    {
        HubStateMessage m => CheckStatus(m.Status),
        DeviceStateMessage m => CheckDeviceState(m),
        TelemetryMessage m => CheckTelemetry(m),
        DesiredStateMessage m => CheckVersionedState(m.Version, m.State),
        ReportedStateMessage m => CheckVersionedState(m.Version, m.State) ?? CheckErrors(m.Errors),
        CommandMessage m => CheckToken(m.Id, "id", 64) ?? CheckToken(m.Op, "op", 32),
        ReplyMessage m => CheckReply(m),
        EventMessage m => CheckToken(m.Type, "type", 48)
            ?? (m.Stream is null || Identifiers.IsValid(m.Stream) ? null : "stream must be a valid id"),
        TimeRequestMessage => null,
        TimeReplyMessage => null,
        PlayOrderMessage m => CheckPlayOrder(m),
        _ => "unknown message type",
    };

    private static string? CheckStatus(string status) =>
        status is ProtocolConstants.StatusOnline or ProtocolConstants.StatusOffline ? null : $"status must be online or offline, not '{status}'";

    private static string? CheckDeviceState(DeviceStateMessage m)
    {
        if (CheckStatus(m.Status) is { } e)
        {
            return e;
        }

        if (m.Status == ProtocolConstants.StatusOnline && !DeviceKinds.TryParse(m.Kind, out _))
        {
            return $"birth needs a known kind, not '{m.Kind}'";
        }

        if (m.Fw is { Length: > 32 } || m.Boot is { Length: > 64 })
        {
            return "fw is limited to 32 characters and boot to 64";
        }

        if (m.Caps is { Count: > 16 } || m.Caps?.Any(c => CheckToken(c, "cap", 32) is not null) == true)
        {
            return "caps: at most 16 tokens of 1–32 characters a–z 0–9 . _ -";
        }

        return m.Interval is < 1 or > 3600 ? "interval must be 1–3600 s" : null;
    }

    private static string? CheckTelemetry(TelemetryMessage m)
    {
        if (m.Seq < 0)
        {
            return "seq must be ≥ 0";
        }

        if (m.Interval is < 1 or > 3600)
        {
            return "interval must be 1–3600 s";
        }

        if (m.Metrics is { Count: > 32 })
        {
            return "at most 32 metrics";
        }

        foreach (var (name, value) in m.Metrics ?? new Dictionary<string, double>())
        {
            if (CheckToken(name, "metric name", 32) is { } e)
            {
                return e;
            }

            if (!double.IsFinite(value))
            {
                return $"metric '{name}' is not a finite number";
            }
        }

        return null;
    }

    private static string? CheckReply(ReplyMessage m) =>
        CheckToken(m.Id, "id", 64)
        ?? (m.Status is ProtocolConstants.ReplyOk or ProtocolConstants.ReplyError ? null : $"status must be ok or error, not '{m.Status}'")
        ?? (m.Error is { Length: > 256 } ? "error is limited to 256 characters" : null)
        ?? (m.Status == ProtocolConstants.ReplyError && string.IsNullOrEmpty(m.Error) ? "a reply with status error needs an error text" : null);

    private static string? CheckPlayOrder(PlayOrderMessage m) =>
        (m.Op is "play" or "stop" ? null : $"op must be play or stop, not '{m.Op}'")
        ?? (Identifiers.IsValid(m.Stream) ? null : "stream must be a valid id")
        ?? (m.Class is null || EnumWire.TryParse<BulletinClass>(m.Class, out _) ? null : $"class must be normal, priority or emergency, not '{m.Class}'")
        ?? (m.Codec is null ? null : CheckToken(m.Codec, "codec", 32))
        ?? (m.Start is < 0 ? "start must be ≥ 0" : null)
        ?? (m.Volume is < 0 or > 100 ? "volume must be 0–100" : null)
        ?? (m.Epoch is < 0 or > uint.MaxValue ? "epoch must be 0–4294967295" : null);

    private static string? CheckVersionedState(long version, System.Text.Json.Nodes.JsonObject? state) =>
        version < 0 ? "version must be ≥ 0"
        : state is null ? "state must be a JSON object"
        : null;

    private static string? CheckErrors(IReadOnlyDictionary<string, string>? errors)
    {
        if (errors is { Count: > 32 })
        {
            return "errors: at most 32 entries";
        }

        foreach (var (key, reason) in errors ?? new Dictionary<string, string>())
        {
            if (key.Length is 0 or > 64 || reason is null || reason.Length > 256)
            {
                return "errors: keys of 1–64 characters, each with a reason text of at most 256 characters";
            }
        }

        return null;
    }

    /// <summary>Short machine tokens: 1–max characters of a–z, 0–9, '.', '_' and '-'.</summary>
    internal static string? CheckToken(string? value, string what, int max)
    {
        if (string.IsNullOrEmpty(value) || value.Length > max)
        {
            return $"{what} must be 1–{max} characters";
        }

        foreach (var c in value)
        {
            if (!(c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '_' or '-'))
            {
                return $"{what} '{value}' may only use a–z 0–9 . _ -";
            }
        }

        return null;
    }
}
