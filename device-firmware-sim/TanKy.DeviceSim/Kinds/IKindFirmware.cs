using System.Text.Json.Nodes;
using TanKy.DeviceSim.Commands;

namespace TanKy.DeviceSim.Kinds;

/// <summary>What differs between device kinds in the simulated firmware (protocol.md §4.9).</summary>
internal interface IKindFirmware
{
    /// <summary>Keeps the desired keys this kind understands; the rest become reported errors.</summary>
    void Apply(StateApply apply);

    /// <summary>Adds this kind's ops to the common ones.</summary>
    void RegisterOps(CommandTable table);

    /// <summary>Adjusts telemetry to the applied state and the device clock.</summary>
    void AddMetrics(Dictionary<string, double> metrics, JsonObject applied, DateTimeOffset now);
}
