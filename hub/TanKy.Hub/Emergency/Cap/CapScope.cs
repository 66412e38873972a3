namespace TanKy.Hub.Emergency.Cap;

/// <summary>Intended distribution (CAP 1.2 scope). Member names are the wire values.</summary>
internal enum CapScope
{
    Public,
    Restricted,
    Private,
}
