using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TanKy.Hub.Accounts;
using TanKy.Hub.Media;
using TanKy.Hub.Tests.Support;

namespace TanKy.Hub.Tests.Media;

/// <summary>
/// Issue #17: a background import survives a hub restart. The first hub holds the job at
/// <see cref="MediaImportCheckpoint"/> (recorded running, not yet decoded) and is stopped there; the
/// hub started again on the same data directory either imports the spooled upload or, when the
/// upload is gone, marks the job failed with the reason in Vietnamese — never a silent 404.
/// </summary>
public sealed class ImportJobRestart_Tests : IDisposable
{
    private readonly TempDataDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_job_stopped_mid_import_is_imported_again_from_its_spooled_upload_after_the_restart()
    {
        var token = _dir.Db.AddWithToken("van-hoa", Role.Officer);
        var location = await UploadAndStopMidImportAsync(token);
        File.Exists(Spool(location)).Should().BeTrue("the upload is kept for the next start");

        await using var hub = await TestHub.StartAsync(_dir.Path);
        using var officer = hub.ClientWithToken(token);
        var job = await FinishedAsync(officer, location);

        job.GetProperty("state").GetString().Should().Be("done", job.ToString());
        var id = job.GetProperty("media").GetProperty("id").GetString()!;
        (await officer.GetFromJsonAsync<JsonElement>($"/api/v1/media/{id}")).GetProperty("title").GetString().Should().Be("Thông báo họp dân");
        File.Exists(Spool(location)).Should().BeFalse("the spooled upload goes once the job ends");
    }

    [Fact]
    public async Task A_job_stopped_mid_import_whose_upload_is_gone_is_failed_with_the_reason_in_vietnamese_for_its_uploader_and_admins()
    {
        var token = _dir.Db.AddWithToken("van-hoa", Role.Officer);
        var otherOfficer = _dir.Db.AddWithToken("van-hoa-2", Role.Officer);
        var admin = _dir.Db.AddWithToken("quan-tri", Role.Admin);
        var location = await UploadAndStopMidImportAsync(token);
        File.Delete(Spool(location));

        await using var hub = await TestHub.StartAsync(_dir.Path);
        using var officer = hub.ClientWithToken(token);
        var job = await officer.GetFromJsonAsync<JsonElement>(location);

        job.GetProperty("state").GetString().Should().Be("failed", job.ToString());
        job.GetProperty("stateText").GetString().Should().Be("Thất bại");
        job.GetProperty("error").GetProperty("code").GetString().Should().Be("restarted");
        job.GetProperty("error").GetProperty("message").GetString().Should().Be("Máy chủ khởi động lại khi đang xử lý tệp; hãy tải lên lại");
        (await Ids(officer)).Should().Equal(job.GetProperty("id").GetString());
        using var other = hub.ClientWithToken(otherOfficer);
        (await Ids(other)).Should().BeEmpty("an officer sees only their own imports");
        using var administrator = hub.ClientWithToken(admin);
        (await Ids(administrator)).Should().Equal(job.GetProperty("id").GetString());
    }

    /// <summary>Starts a hub whose imports wait at the checkpoint, uploads, stops the hub while the job is running; returns the job's location.</summary>
    private async Task<string> UploadAndStopMidImportAsync(string token)
    {
        var held = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var checkpoint = new MediaImportCheckpoint(async (id, ct) =>
        {
            held.TrySetResult(id);
            await Task.Delay(Timeout.InfiniteTimeSpan, ct); // until the hub stops
        });
        await using var hub = await TestHub.StartAsync(_dir.Path, customize: b => b.Services.AddSingleton(checkpoint));
        using var officer = hub.ClientWithToken(token);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/media") { Content = Form(TestAudio.Wav16(TestAudio.SpeechLike(2)), "hop-dan.wav", "Thông báo họp dân") };
        request.Headers.Add("Prefer", "respond-async");

        var response = await officer.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        var location = response.Headers.Location!.ToString();
        (await held.Task.WaitAsync(TimeSpan.FromSeconds(30))).Should().Be(location.Split('/')[^1]);
        (await officer.GetFromJsonAsync<JsonElement>(location)).GetProperty("state").GetString().Should().Be("running");
        await hub.StopAsync();
        return location;
    }

    private string Spool(string location) => Path.Combine(_dir.Path, "media", ".jobs", location.Split('/')[^1] + ".upload");

    private static async Task<string[]> Ids(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/v1/media/imports")).EnumerateArray().Select(j => j.GetProperty("id").GetString()!).ToArray();

    /// <summary>Polls the job as a client would (the endpoint exists to be polled).</summary>
    private static async Task<JsonElement> FinishedAsync(HttpClient client, string location)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var job = await client.GetFromJsonAsync<JsonElement>(location);
            if (job.GetProperty("state").GetString() is "done" or "refused" or "failed" || DateTime.UtcNow > until)
            {
                return job;
            }

            await Task.Delay(50);
        }
    }

    private static MultipartFormDataContent Form(byte[] file, string fileName, string title)
    {
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return new MultipartFormDataContent { { content, "file", fileName }, { new StringContent(title), "title" } };
    }
}
