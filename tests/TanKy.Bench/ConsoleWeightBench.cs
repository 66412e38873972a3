using System.CommandLine;
using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TanKy.Hub.Accounts;
using TanKy.Hub.Devices;
using TanKy.Hub.Hosting;
using TanKy.Hub.Shared.Data;

namespace TanKy.Bench;

/// <summary>
/// <c>console-weight [--samples 50]</c>: the web console's dashboard over the sample commune
/// (commune/tan-ky.yaml, 51 devices with coordinates) on an in-process hub: bytes of the page,
/// its CSS/JS and the live part it re-fetches every 3 s (raw and gzip; a 304 while nothing
/// changed), and the server time to render that live part. What a hamlet head's phone downloads over 4G.
/// </summary>
internal static partial class ConsoleWeightBench
{
    public static Command Command(BenchStart start)
    {
        var samples = BenchOptions.Int("--samples", 50, "Renders of the live part to time");
        var cmd = new Command("console-weight", "Dung lượng bảng điều khiển web / bytes and render time of the web console's dashboard") { samples };
        cmd.SetAction(r => start(cmd.Name, () => RunAsync(r.GetValue(samples))));
        return cmd;
    }

    private static async Task<int> RunAsync(int samples)
    {
        var dir = Path.Combine(Path.GetTempPath(), "tanky-console-bench-" + Guid.NewGuid().ToString("N")[..8]);
        var db = new Database(dir);
        db.Migrate();
        new DeviceImporter(db, new DeviceRegistry(db, TimeProvider.System), new ZoneRegistry(db, TimeProvider.System))
            .ImportFile(Path.Combine(AppContext.BaseDirectory, "commune", "tan-ky.yaml"));
        var app = HubHost.Build(
            [$"--Hub:DataDir={dir}", "--Broker:Port=0", "--Broker:BindAddress=127.0.0.1", "--Http:Urls=http://127.0.0.1:0"],
            b => b.Logging.SetMinimumLevel(LogLevel.Warning));
        await app.StartAsync();
        try
        {
            app.Services.GetRequiredService<PasswordLogin>().CreateFirstAdmin("admin", "bench-password-1");
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            using var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = new Uri(address) };
            var login = await http.GetStringAsync("/login");
            var token = WebUtility.HtmlDecode(FormToken().Match(login).Groups[1].Value);
            (await http.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["name"] = "admin", ["password"] = "bench-password-1" }))).EnsureSuccessStatusCode();

            var parts = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            foreach (var path in new[] { "/", "/static/console/site.css", "/static/console/app.js", "/static/console/refresh.js", "/?handler=Live" })
            {
                parts[path] = await http.GetByteArrayAsync(path);
            }

            var times = new List<double>();
            for (var i = 0; i < samples; i++)
            {
                var sw = Stopwatch.StartNew();
                await http.GetByteArrayAsync("/?handler=Live");
                times.Add(sw.Elapsed.TotalMilliseconds);
            }

            times.Sort();
            using var unchanged = new HttpRequestMessage(HttpMethod.Get, "/?handler=Live");
            unchanged.Headers.TryAddWithoutValidation("If-None-Match", (await http.GetAsync("/?handler=Live")).Headers.ETag!.ToString());
            using var notModified = await http.SendAsync(unchanged);
            var page = parts.Where(p => p.Key != "/?handler=Live").ToList();
            BenchOutput.Write("console-weight", new
            {
                devices = 51,
                page_bytes = page.Sum(p => p.Value.Length),
                page_gzip_bytes = page.Sum(p => Gzip(p.Value)),
                parts = parts.ToDictionary(p => p.Key, p => new { bytes = p.Value.Length, gzip = Gzip(p.Value) }),
                live_refresh_every_s = 3,
                live_unchanged_status = (int)notModified.StatusCode,
                live_unchanged_body_bytes = (await notModified.Content.ReadAsByteArrayAsync()).Length,
                live_render_ms_p50 = Math.Round(times[times.Count / 2], 2),
                live_render_ms_p95 = Math.Round(times[(int)(times.Count * 0.95)], 2),
            });
            return 0;
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }

    private static int Gzip(byte[] bytes)
    {
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Optimal, leaveOpen: true))
        {
            gz.Write(bytes);
        }

        return (int)ms.Length;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex FormToken();
}
