using System.Text.Json.Nodes;
using TanKy.DeviceSim.Commands;

namespace TanKy.DeviceSim.Kinds;

/// <summary>Security camera: power, recording; a snapshot uploaded over HTTP on request; tamper events (<see cref="Node.SimulatedNode.RaiseTamperAsync"/>).</summary>
internal sealed class CameraFirmware : IKindFirmware
{
    /// <summary>Size of the simulated snapshot; tests change it to exercise the hub's limit.</summary>
    public static int SnapshotBytes { get; set; } = 48 * 1024;

    public void Apply(StateApply apply)
    {
        apply.Bool("power");
        apply.Bool("recording");
    }

    public void RegisterOps(CommandTable table) => table.Register("snapshot", async ctx =>
    {
        if (ctx.Node.AppliedState["power"] is JsonValue p && !p.GetValue<bool>())
        {
            return CommandResult.Fail("camera is powered off");
        }

        if (ctx.Command.Args?["url"] is not JsonValue u || !u.TryGetValue<string>(out var url) || !Uri.TryCreate(url, UriKind.Absolute, out _))
        {
            return CommandResult.Fail("bad args: 'url' is required");
        }

        var image = SnapshotUploader.FakeJpeg(SnapshotBytes);
        var (ok, detail) = await SnapshotUploader.UploadAsync(url, ctx.Node.Options.DeviceId, ctx.Node.Options.Secret, image, "image/jpeg", CancellationToken.None);
        return ok ? CommandResult.Ok(new JsonObject { ["bytes"] = image.Length, ["type"] = "image/jpeg" }) : CommandResult.Fail(detail);
    });

    public void AddMetrics(Dictionary<string, double> metrics, JsonObject applied, DateTimeOffset now)
    {
        _ = now;
        var powered = applied["power"] is not JsonValue p || p.GetValue<bool>();
        var recording = applied["recording"] is not JsonValue r || r.GetValue<bool>();
        metrics["recording"] = powered && recording ? 1 : 0;
        metrics["storage_ok"] = 1;
        metrics["storage_free_pct"] = 63;
    }
}
