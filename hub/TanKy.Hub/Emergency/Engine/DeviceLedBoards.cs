using System.Text.Json.Nodes;
using TanKy.Hub.Emergency.Led;
using TanKy.Hub.Devices;
using TanKy.Hub.Devices.Control;
using TanKy.Protocol;

namespace TanKy.Hub.Emergency.Engine;

/// <summary>
/// <see cref="ILedBoardControl"/> on device control: a board's message is its desired key
/// <c>message</c> {text, class, seconds}; showing and restoring publish desired state, so a board
/// that is offline picks the headline (or its restored message) up when it reconnects.
/// </summary>
internal sealed class DeviceLedBoards(DeviceRegistry registry, DeviceStateReader reader, DeviceControlService control) : ILedBoardControl
{
    public const string By = "emergency";

    public IReadOnlyList<LedBoard> Boards() =>
        [.. registry.List(kind: DeviceKind.LedBoard).Select(d => new LedBoard(d.Id, d.Zones))];

    public LedMessage? Current(string boardId)
    {
        var message = reader.Read(boardId)?.Desired?.State["message"] as JsonObject;
        if (message?["text"] is not JsonValue text || !text.TryGetValue<string>(out var s))
        {
            return null;
        }

        var cls = message["class"] is JsonValue c && c.TryGetValue<string>(out var wire) ? wire : "normal";
        return new LedMessage(s, cls switch { "emergency" => BulletinClass.Emergency, "announcement" => BulletinClass.Priority, _ => BulletinClass.Normal });
    }

    public Task ShowAsync(string boardId, LedMessage message, CancellationToken ct) =>
        control.SetDesiredAsync(boardId, new JsonObject { ["message"] = Json(message) }, By, ct);

    public Task RestoreAsync(string boardId, LedMessage? previous, CancellationToken ct) =>
        control.SetDesiredAsync(boardId, new JsonObject { ["message"] = previous is null ? null : Json(previous) }, By, ct);

    private static JsonObject Json(LedMessage m) => new()
    {
        ["text"] = m.Text,
        ["class"] = m.Class switch { BulletinClass.Emergency => "emergency", BulletinClass.Priority => "announcement", _ => "normal" },
    };
}
