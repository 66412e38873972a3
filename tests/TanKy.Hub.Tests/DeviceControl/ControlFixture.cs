using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TanKy.Hub.Availability;
using TanKy.Hub.Devices;
using TanKy.Hub.Devices.Control;
using TanKy.Hub.Devices.Control.Bulk;
using TanKy.Hub.Devices.Control.Commands;
using TanKy.Hub.Devices.Control.Snapshots;
using TanKy.Hub.Tests.Support;
using TanKy.Protocol;
using TanKy.Hub.Shared;

namespace TanKy.Hub.Tests.DeviceControl;

/// <summary>The control services wired by hand over a test database, a fake clock and a capturing publisher.</summary>
internal sealed class ControlFixture : IDisposable
{
    public ControlFixture()
    {
        Dir.Zones.Add("khoi-3", "Khối 3");
        Dir.Zones.Add("xom-5", "Xóm 5");
        Dir.Devices.Add(new NewDevice("wifi-khoi-3-a", DeviceKind.WifiAp, ["khoi-3"], "Wi-Fi nhà văn hoá Khối 3"));
        Dir.Devices.Add(new NewDevice("wifi-khoi-3-b", DeviceKind.WifiAp, ["khoi-3"], "Wi-Fi chợ Khối 3"));
        Dir.Devices.Add(new NewDevice("loa-khoi-3", DeviceKind.Speaker, ["khoi-3"], "Cụm loa Khối 3"));
        Dir.Devices.Add(new NewDevice("wifi-xom-5", DeviceKind.WifiAp, ["xom-5"], "Wi-Fi Xóm 5"));
        var hub = Options.Create(new HubOptions { Site = "tan-ky", DataDir = Dir.Path });
        Control = Options.Create(new ControlOptions { CommandTimeout = TimeSpan.FromSeconds(30), ReplyGrace = TimeSpan.FromSeconds(5), BulkApplyWait = TimeSpan.FromMilliseconds(100) });
        Desired = new DesiredStateService(Dir.Db, Mqtt, hub, Time);
        Reported = new ReportedStateRecorder(Dir.Db);
        Ledger = new CommandLedger(Dir.Db, Control, Time, NullLogger<CommandLedger>.Instance);
        Commands = new CommandService(Ledger, Mqtt, Dir.Devices, new SnapshotAddress(Control, EmptyServices.Instance), hub, Control, Time, NullLogger<CommandService>.Instance);
        var control = new DeviceControlService(Dir.Devices, Desired, Dir.Zones);
        var live = new LiveStatusTable(Dir.Devices);
        live.Refresh();
        Bulk = new BulkService(Dir.Devices, control, Commands, Reported, Desired, new DeviceStateReader(Dir.Db, Dir.Devices), live, Control, NullLogger<BulkService>.Instance);
        Scheduled = new ScheduledActionStore(Dir.Db, Time);
        Runner = new ScheduledActionRunner(Scheduled, Bulk, Control, Time, NullLogger<ScheduledActionRunner>.Instance);
        Clock = new CommuneClock(Time);
    }

    public TempDataDir Dir { get; } = new();

    public Microsoft.Extensions.Time.Testing.FakeTimeProvider Time => Dir.Time;

    public CapturingMqtt Mqtt { get; } = new();

    public IOptions<ControlOptions> Control { get; }

    public DesiredStateService Desired { get; }

    public ReportedStateRecorder Reported { get; }

    public CommandLedger Ledger { get; }

    public CommandService Commands { get; }

    public BulkService Bulk { get; }

    public ScheduledActionStore Scheduled { get; }

    public ScheduledActionRunner Runner { get; }

    public CommuneClock Clock { get; }

    public void Dispose() => Dir.Dispose();
}

/// <summary>No services: the snapshot address then falls back to its default.</summary>
internal sealed class EmptyServices : IServiceProvider
{
    public static readonly EmptyServices Instance = new();

    public object? GetService(Type serviceType) => null;
}
