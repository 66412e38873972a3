using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using TanKy.Hub.Accounts;
using TanKy.Hub.Media;
using TanKy.Hub.Tests.Support;

namespace TanKy.Hub.Tests.Media;

/// <summary>
/// Issue #14: an upload of at least <c>Media:BackgroundImportBytes</c> is answered 202 with a job,
/// imported in the background (normal lane), and polled at <c>/api/v1/media/imports/{id}</c>;
/// smaller uploads keep the synchronous 201.
/// </summary>
public sealed class BackgroundImport_Tests : IAsyncLifetime
{
    private const long Threshold = 500_000;
    private readonly TempDataDir _dir = new();
    private WebApplication _app = null!;
    private Uri _base = null!;
    private string _officer = "";
    private string _technician = "";

    public async Task InitializeAsync()
    {
        _officer = _dir.Db.AddWithToken("van-hoa", Role.Officer);
        _technician = _dir.Db.AddWithToken("ky-thuat", Role.Technician);
        (_app, _base) = await FeatureApi.StartAsync(
            _dir.Path,
            _dir.Time,
            new Dictionary<string, string?>
            {
                ["Media:MaxUploadBytes"] = "5000000",
                ["Media:BackgroundImportBytes"] = Threshold.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
            b => b.Services.AddMedia(b.Configuration),
            app => app.MapMediaEndpoints());
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        _dir.Dispose();
    }

    [Fact]
    public async Task A_large_upload_answers_202_with_a_job_that_ends_done_with_the_clip()
    {
        using var officer = Client(_officer);
        using var technician = Client(_technician);
        var wav = TestAudio.Wav16(TestAudio.SpeechLike(8, 48000), 48000, 1);
        wav.Length.Should().BeGreaterThan((int)Threshold);

        var response = await officer.PostAsync("/api/v1/media", Form(wav, "ban-tin-dai.wav", "Bản tin dài"));

        response.StatusCode.Should().Be(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        var accepted = await response.Content.ReadFromJsonAsync<JsonElement>();
        var location = accepted.GetProperty("location").GetString()!;
        response.Headers.Location!.ToString().Should().Be(location);
        location.Should().StartWith("/api/v1/media/imports/imp_");
        accepted.GetProperty("state").GetString().Should().BeOneOf("queued", "running", "done");
        var job = await FinishedAsync(technician, location);
        job.GetProperty("state").GetString().Should().Be("done", job.ToString());
        job.GetProperty("stateText").GetString().Should().StartWith("Đã xong");
        var id = job.GetProperty("media").GetProperty("id").GetString()!;
        (await technician.GetFromJsonAsync<JsonElement>($"/api/v1/media/{id}")).GetProperty("title").GetString().Should().Be("Bản tin dài");
        job.GetProperty("media").GetProperty("loudnessLufsAfter").GetDouble().Should().BeApproximately(-16, 1);
    }

    [Fact]
    public async Task A_large_file_that_is_not_audio_ends_refused_with_the_library_s_code_and_leaves_nothing()
    {
        using var officer = Client(_officer);
        var junk = new byte[Threshold + 10];
        new Random(3).NextBytes(junk);

        var response = await officer.PostAsync("/api/v1/media", Form(junk, "fake.wav", "t"));

        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var job = await FinishedAsync(officer, response.Headers.Location!.ToString());
        job.GetProperty("state").GetString().Should().Be("refused");
        job.GetProperty("error").GetProperty("code").GetString().Should().Be("wrong-header");
        job.GetProperty("error").GetProperty("message").GetString().Should().StartWith("Không phải tệp WAV");
        Directory.EnumerateFiles(Path.Combine(_dir.Path, "media"), "*", SearchOption.AllDirectories).Should().BeEmpty("the staged upload is deleted once the job ends");
    }

    [Fact]
    public async Task A_small_upload_stays_synchronous_and_an_unknown_job_is_404()
    {
        using var officer = Client(_officer);

        var response = await officer.PostAsync("/api/v1/media", Form(TestAudio.Wav16(TestAudio.SpeechLike(1)), "ngan.wav", "Ngắn"));

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        (await officer.GetAsync("/api/v1/media/imports/imp_0000000000000000")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_large_upload_with_a_bad_title_is_refused_at_once()
    {
        using var officer = Client(_officer);
        var wav = TestAudio.Wav16(TestAudio.SpeechLike(8, 48000), 48000, 1);

        var response = await officer.PostAsync("/api/v1/media", Form(wav, "a.wav", "   "));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString().Should().Be("invalid-title");
    }

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

    private HttpClient Client(string token)
    {
        var client = new HttpClient { BaseAddress = _base };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static MultipartFormDataContent Form(byte[] file, string fileName, string title)
    {
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return new MultipartFormDataContent { { content, "file", fileName }, { new StringContent(title), "title" } };
    }
}
