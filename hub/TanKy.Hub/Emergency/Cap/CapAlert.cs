namespace TanKy.Hub.Emergency.Cap;

/// <summary>A CAP 1.2 alert message that passed <see cref="CapParser"/>'s structural validation.</summary>
internal sealed record CapAlert(
    string Identifier,
    string Sender,
    DateTimeOffset Sent,
    string SentText,
    CapStatus Status,
    CapMsgType MsgType,
    string? Source,
    CapScope Scope,
    string? Note,
    string? ReferencesText,
    IReadOnlyList<CapReference> References,
    IReadOnlyList<CapInfo> Infos)
{
    /// <summary>This message as other messages reference it.</summary>
    public CapReference AsReference => new(Sender, Identifier, Sent);
}
