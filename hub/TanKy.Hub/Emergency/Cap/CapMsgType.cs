namespace TanKy.Hub.Emergency.Cap;

/// <summary>Nature of the message (CAP 1.2 msgType). Member names are the wire values.</summary>
internal enum CapMsgType
{
    Alert,
    Update,
    Cancel,
    Ack,
    Error,
}
