using System.Net;
using System.Net.Http.Json;
using TanKy.Hub.Media;

using TanKy.Hub.Tests.Support;

namespace TanKy.Hub.Tests.EmergencyEngine;

/// <summary>Text and fresh recordings through the real media library (espeak-ng, loudness, Opus) to a broadcast.</summary>
public sealed class EmergencySpeech_Tests : IAsyncLifetime
{
    private EmergencyHub _hub = null!;

    public async Task InitializeAsync() => _hub = await EmergencyHub.StartAsync(realMedia: true);

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task Text_is_spoken_stored_as_media_and_broadcast_with_its_headline_as_title()
    {
        using var officer = _hub.Client("van-hoa");
        const string text = "Nước sông Con đang lên nhanh. Bà con Khối 1 di chuyển lên chỗ cao ngay.";

        var response = await officer.PostAsJsonAsync("/api/v1/emergency", new { zones = new[] { "khoi-1" }, text, headline = "Lũ sông Con" });

        response.StatusCode.Should().Be(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        var body = await EmergencyHub.JsonAsync(response);
        var media = body.GetProperty("media")[0].GetString()!;
        var item = _hub.Hub.Get<MediaLibrary>().Get(media)!;
        item.DurationMs.Should().BeGreaterThan(2000, "a sentence of speech lasts seconds");
        var record = _hub.Broadcasts.Get(body.GetProperty("id").GetString()!)!;
        record.Class.Should().Be("emergency");
        record.Title.Should().Be("Lũ sông Con");
        await _hub.Broadcasts.StopAsync(record.Id, "test");
    }

    [Fact]
    public async Task A_recording_uploaded_from_the_phone_is_imported_and_broadcast()
    {
        using var head = _hub.Client("truong-khoi-1");
        using var form = new MultipartFormDataContent
        {
            { new StringContent("khoi-1"), "zones" },
            { new StringContent("2"), "repeat" },
            { new StringContent("1.5"), "interval" },
            { new ByteArrayContent(ToneWav.Create(TimeSpan.FromSeconds(1.5), 440)), "file", "ghi-am.wav" },
        };

        var response = await head.PostAsync("/api/v1/emergency", form);

        response.StatusCode.Should().Be(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        var body = await EmergencyHub.JsonAsync(response);
        _hub.Hub.Get<MediaLibrary>().Get(body.GetProperty("media")[0].GetString()!)!.UploadedBy.Should().Be("truong-khoi-1");
        await _hub.Broadcasts.StopAsync(body.GetProperty("id").GetString()!, "test");
    }

    [Fact]
    public async Task Text_that_speech_refuses_gets_400_and_an_audited_refusal()
    {
        using var officer = _hub.Client("van-hoa");

        var response = await officer.PostAsJsonAsync("/api/v1/emergency", new { zones = new[] { "khoi-1" }, text = "Lũ\u202Equét" });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        _hub.Hub.Get<Hub.Emergency.TriggerAudit>().Query(new Hub.Emergency.TriggerAuditQuery(Allowed: false)).Should().ContainSingle();
    }
}
