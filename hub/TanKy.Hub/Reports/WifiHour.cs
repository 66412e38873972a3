namespace TanKy.Hub.Reports;

/// <summary>One access point's use during one hour, accumulated in memory until the next flush.</summary>
internal sealed class WifiHour
{
    public int Samples { get; set; }

    public int ClientsMax { get; set; }

    public long Sessions { get; set; }

    public long RxBytes { get; set; }

    public long TxBytes { get; set; }
}
