namespace TanKy.Hub.Reports;

/// <summary>Use of one public Wi-Fi access point over the period, from the hourly rollup.</summary>
internal sealed record WifiRow(string DeviceId, string Name, string Hamlet, string HamletNames, long Sessions, int PeakClients, double RxGb, double TxGb, int HoursWithData);
