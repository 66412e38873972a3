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
/// The media API on real Kestrel with the hub's own web registration (bearer tokens, the
/// hub-wide 1 MB body limit) but without the broker: only what the endpoints need.
/// </summary>
public sealed class MediaEndpoints_Tests : IAsyncLifetime
{
    private const long MaxUpload = 2_000_000;
    private readonly TempDataDir _dir = new();
    private WebApplication _app = null!;
    private Uri _base = null!;
    private readonly Dictionary<string, string> _tokens = [];

    public async Task InitializeAsync()
    {
        _dir.SeedTwoHamlets();
        _tokens["van-hoa"] = _dir.Db.AddWithToken("van-hoa", Role.Officer);
        _tokens["truong-khoi-1"] = _dir.Db.AddWithToken("truong-khoi-1", Role.HamletHead, "khoi-1");
        _tokens["ky-thuat"] = _dir.Db.AddWithToken("ky-thuat", Role.Technician);

        (_app, _base) = await FeatureApi.StartAsync(
            _dir.Path,
            _dir.Time,
            new Dictionary<string, string?> { ["Media:MaxUploadBytes"] = MaxUpload.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            b => b.Services.AddMedia(b.Configuration),
            app => app.MapMediaEndpoints());
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        _dir.Dispose();
    }

    [Fact]
    public async Task Reading_needs_a_token()
    {
        using var anonymous = new HttpClient { BaseAddress = _base };

        (await anonymous.GetAsync("/api/v1/media")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_officer_uploads_and_anyone_signed_in_lists_and_reads()
    {
        using var officer = Client("van-hoa");
        using var technician = Client("ky-thuat");

        var response = await officer.PostAsync("/api/v1/media", Form(TestAudio.Wav16(TestAudio.SpeechLike(1)), "ban-tin.wav", "Thông báo tiêm chủng"));

        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetString()!;
        response.Headers.Location!.ToString().Should().Be($"/api/v1/media/{id}");
        created.GetProperty("uploadedBy").GetString().Should().Be("van-hoa");
        created.GetProperty("loudnessLufsAfter").GetDouble().Should().BeApproximately(-16, 1);
        var list = await technician.GetFromJsonAsync<JsonElement>("/api/v1/media");
        list.EnumerateArray().Select(m => m.GetProperty("id").GetString()).Should().Equal(id);
        (await technician.GetFromJsonAsync<JsonElement>($"/api/v1/media/{id}")).GetProperty("title").GetString().Should().Be("Thông báo tiêm chủng");
        (await technician.GetAsync("/api/v1/media/m-aaaaaaaaaa")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_hamlet_head_may_upload_a_technician_may_not()
    {
        using var head = Client("truong-khoi-1");
        using var technician = Client("ky-thuat");
        var wav = TestAudio.Wav16(TestAudio.SpeechLike(1));

        (await technician.PostAsync("/api/v1/media", Form(wav, "a.wav", "t"))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await head.PostAsync("/api/v1/media", Form(wav, "a.wav", "t"))).StatusCode.Should().Be(HttpStatusCode.Created);
        (await head.PostAsync("/api/v1/media", Form(wav, "b.wav", "t"))).StatusCode.Should().Be(HttpStatusCode.OK, "the same bytes again return the existing clip");
    }

    [Fact]
    public async Task A_rejected_upload_is_a_400_with_its_reason_code_and_stores_nothing()
    {
        using var officer = Client("van-hoa");

        var response = await officer.PostAsync("/api/v1/media", Form("not audio at all"u8.ToArray(), "fake.wav", "t"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("code").GetString().Should().Be("wrong-header");
        problem.GetProperty("title").GetString().Should().StartWith("Không phải tệp WAV");
        Directory.EnumerateFiles(Path.Combine(_dir.Path, "media"), "*", SearchOption.AllDirectories).Should().BeEmpty();
    }

    [Fact]
    public async Task The_hub_wide_1_MB_body_limit_is_lifted_to_MaxUploadBytes_for_uploads_only()
    {
        using var officer = Client("van-hoa");
        var big = TestAudio.Wav16(TestAudio.SpeechLike(16, 48000), 48000, 1);
        big.Length.Should().BeInRange(1_100_000, (int)MaxUpload);

        var response = await officer.PostAsync("/api/v1/media", Form(big, "long.wav", "Bản tin dài"));

        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_upload_over_MaxUploadBytes_is_refused_as_too_large()
    {
        using var officer = Client("van-hoa");
        var tooBig = TestAudio.Wav16(TestAudio.SpeechLike(12, 48000), 48000, 2);

        var response = await officer.PostAsync("/api/v1/media", Form(tooBig, "huge.wav", "t"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString().Should().Be("too-large");
    }

    [Fact]
    public async Task A_body_far_over_the_limit_is_refused_on_its_length_before_it_is_sent()
    {
        // Expect: 100-continue, with time to wait for the answer: the hub must answer from the
        // Content-Length alone, so this client never sends the 5 MB (a send that broke off would throw).
        using var handler = new SocketsHttpHandler { Expect100ContinueTimeout = TimeSpan.FromMinutes(1) };
        using var officer = new HttpClient(handler) { BaseAddress = _base };
        officer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _tokens["van-hoa"]);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/media") { Content = Form(new byte[5_000_000], "huge.wav", "t") };
        request.Headers.ExpectContinue = true;

        var response = await officer.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        (await Problem(response)).GetProperty("code").GetString().Should().Be("too-large");
    }

    [Fact]
    public async Task Missing_file_or_not_multipart_are_400s_with_codes()
    {
        using var officer = Client("van-hoa");
        using var noFile = new MultipartFormDataContent { { new StringContent("t"), "title" } };

        var a = await officer.PostAsync("/api/v1/media", noFile);
        var b = await officer.PostAsJsonAsync("/api/v1/media", new { title = "t" });

        (await a.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString().Should().Be("missing-file");
        (await b.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString().Should().Be("not-multipart");
    }

    [Theory]
    [InlineData(null, "Không phải tệp WAV hoặc MP3", "Tệp quá lớn", "tối đa 1.9 MB", "Tên bản tin chưa đúng", "Tên bản tin đang để trống; hãy đặt tên từ 1 đến 200 ký tự")]
    [InlineData("en", "Not a WAV or MP3 file", "The file is too large", "at most 1.9 MB", "The title is not right", "The title is empty; give it 1 to 200 characters")]
    public async Task Refusals_are_in_Vietnamese_by_default_and_in_English_when_asked(string? language, string wrongType, string tooLarge, string limit, string badTitle, string emptyTitle)
    {
        using var officer = Client("van-hoa", language);
        var wav = TestAudio.Wav16(TestAudio.SpeechLike(1));

        var type = await Problem(await officer.PostAsync("/api/v1/media", Form("not audio at all"u8.ToArray(), "fake.wav", "t")));
        var large = await Problem(await officer.PostAsync("/api/v1/media", Form(TestAudio.Wav16(TestAudio.SpeechLike(12, 48000), 48000, 2), "huge.wav", "t")));
        var title = await Problem(await officer.PostAsync("/api/v1/media", Form(wav, "a.wav", "   ")));
        var kind = await Problem(await officer.GetAsync("/api/v1/media?kind=video"));
        var missing = await officer.GetAsync("/api/v1/media/m-aaaaaaaaaa");

        (type.GetProperty("code").GetString(), type.GetProperty("title").GetString()).Should().Be(("wrong-header", wrongType));
        (large.GetProperty("code").GetString(), large.GetProperty("title").GetString(), large.GetProperty("detail").GetString()).Should().Be(("too-large", tooLarge, limit));
        (title.GetProperty("code").GetString(), title.GetProperty("title").GetString(), title.GetProperty("detail").GetString()).Should().Be(("invalid-title", badTitle, emptyTitle));
        kind.GetProperty("code").GetString().Should().Be("bad-kind");
        kind.GetProperty("detail").GetString().Should().Contain("«video»");
        missing.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await Problem(missing)).GetProperty("title").GetString().Should().Be(language == "en" ? "Clip not found" : "Không tìm thấy bản tin");
    }

    private static async Task<JsonElement> Problem(HttpResponseMessage response)
    {
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private HttpClient Client(string user, string? language = null)
    {
        var client = new HttpClient { BaseAddress = _base };
        if (language is not null)
        {
            client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        }

        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _tokens[user]);
        return client;
    }

    private static MultipartFormDataContent Form(byte[] file, string fileName, string title)
    {
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return new MultipartFormDataContent { { content, "file", fileName }, { new StringContent(title), "title" } };
    }
}
