namespace TanKy.Protocol;

/// <summary>Why an incoming payload was refused. Counted by the hub per value.</summary>
public enum ProtocolError
{
    None,
    UnknownTopic,
    ForeignSite,
    TooLarge,
    BadJson,
    WrongVersion,
    Schema,
}
