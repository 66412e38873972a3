using Microsoft.Playwright;
using TanKy.Hub.Broadcasts;
using TanKy.Hub.Broadcasts.Archive;
using TanKy.Protocol;
using TanKy.Web.Tests.Programme;
using TanKy.Web.Tests.Support;

namespace TanKy.Web.Tests.Broadcast;

/// <summary>Steps the broadcast-form and history tests share: broadcasts through the engine, archive waits, signed-in pages.</summary>
internal static class BroadcastHistoryConsole
{
    public static async Task<string> PlayAsync(ProgrammeConsole console, string media, string zone, BulletinClass cls = BulletinClass.Normal, string who = ConsoleHub.AdminName)
    {
        var ticket = await console.Hub.Get<IBroadcastService>().PlayAsync(new BroadcastRequest(media, cls, [zone], who, "console"));
        return ticket.BroadcastId;
    }

    /// <summary>
    /// The finished archive recording of a broadcast. The archive closes its file when the stream
    /// ends, which the test cannot subscribe to from outside, so this polls the index with a bound.
    /// </summary>
    public static async Task<ArchiveRecord> RecordingAsync(ProgrammeConsole console, string broadcastId, TimeSpan? within = null)
    {
        var archive = console.Hub.Get<IBroadcastArchive>();
        var deadline = DateTimeOffset.UtcNow + (within ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            if (archive.Find(broadcastId) is { Status: ArchiveStatus.Complete } done)
            {
                return done;
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"broadcast {broadcastId} has no complete recording: {archive.Find(broadcastId)?.Status ?? "none"}");
            }

            await Task.Delay(100);
        }
    }

    public static async Task<IPage> OpenAsAdminAsync(Browser browser, ProgrammeConsole console, string path, bool phone = false)
    {
        var page = await browser.NewPageAsync(console.Hub, phone);
        await page.LoginAsync(ConsoleHub.AdminName, ConsoleHub.AdminPassword);
        await page.GotoAsync(path);
        return page;
    }

    /// <summary>GET from inside the signed-in page (its cookie), optionally with a Range; returns status and content type.</summary>
    public static async Task<(int Status, string Type)> FetchAsync(IPage page, string url, string? range = null)
    {
        var result = await page.EvaluateAsync<string[]>(
            "async ([url, range]) => { const r = await fetch(url, { headers: range ? { Range: range } : {} }); return [String(r.status), r.headers.get('content-type') || '']; }",
            new object?[] { url, range });
        return (int.Parse(result[0], System.Globalization.CultureInfo.InvariantCulture), result[1]);
    }
}
