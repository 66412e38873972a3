namespace TanKy.Hub.Emergency.Cap;

/// <summary>One entry of CAP <c>references</c>: "sender,identifier,sent" of an earlier message.</summary>
internal sealed record CapReference(string Sender, string Identifier, DateTimeOffset Sent)
{
    public override string ToString() => $"{Sender},{Identifier},{CapValues.FormatDateTime(Sent)}";
}
