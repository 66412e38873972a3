using TanKy.Hub.Shared.Cli;

namespace TanKy.Hub.Devices.Cli;

/// <summary>The device and zone stores a CLI command opens over the data directory's database.</summary>
public static class DeviceCliContext
{
    public static DeviceRegistry Devices(this CliContext ctx) => new(ctx.Db, ctx.Time);

    public static ZoneRegistry Zones(this CliContext ctx) => new(ctx.Db, ctx.Time);

    public static DeviceImporter Importer(this CliContext ctx) => new(ctx.Db, ctx.Devices(), ctx.Zones());

    public static FleetExporter Exporter(this CliContext ctx) => new(ctx.Db, ctx.Devices());
}
