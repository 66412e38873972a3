namespace TanKy.Hub.Devices;

/// <summary>
/// The YAML import format (<c>devices import FILE</c>, the sample commune): zones and devices.
/// Documented in hub/docs/operations.md.
/// </summary>
public sealed class CommuneFile
{
    public string? Site { get; set; }

    public List<ZoneEntry> Zones { get; set; } = [];

    public List<DeviceEntry> Devices { get; set; } = [];

    /// <summary>The CAP area rules (codes and names of the commune and its hamlets). Read by Emergency/Cap/CapCommuneFile; the import leaves it alone.</summary>
    public object? Cap { get; set; }

    public sealed class ZoneEntry
    {
        public string Id { get; set; } = "";

        public string Name { get; set; } = "";
    }

    public sealed class DeviceEntry
    {
        public string Id { get; set; } = "";

        public string Kind { get; set; } = "";

        public string? Name { get; set; }

        public List<string> Zones { get; set; } = [];

        public double? Lat { get; set; }

        public double? Lon { get; set; }

        public string? Notes { get; set; }

        /// <summary>1-based line in the source file, for error messages.</summary>
        internal int Line { get; set; }
    }
}
