using TanKy.Hub.Broadcasts.Relay.Sources;
using TanKy.Hub.Shared.Text;
using TanKy.Hub.Tests.Support;

namespace TanKy.Hub.Tests.Broadcasts.Relay;

/// <summary>The edge rules of relay sources (ids, names, URLs) and the registry table behind them.</summary>
public sealed class RelaySourceRules_Tests : IDisposable
{
    private readonly TempDataDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("file:///etc/passwd", "file")]
    [InlineData("concat:http://127.0.0.1/a.mp3|http://127.0.0.1/b.mp3", "concat")]
    [InlineData("pipe:0", "pipe")]
    [InlineData("data:audio/mpeg;base64,AAAA", "data")]
    [InlineData("subfile:,,start,0,end,100,,:/etc/passwd", "subfile")]
    [InlineData("ftp://example.org/a.mp3", "ftp")]
    [InlineData("tcp://127.0.0.1:8000", "tcp")]
    [InlineData("udp://239.0.0.1:1234", "udp")]
    [InlineData("rtmp://example.org/live", "rtmp")]
    [InlineData("hls+http://example.org/a.m3u8", "hls+http")]
    [InlineData("/etc/passwd", "-")]
    public void Other_protocols_are_refused_naming_the_scheme(string url, string scheme)
    {
        var problem = RelaySourceRules.UrlProblem(url);

        problem.Should().NotBeNull();
        problem!.Key.Should().Be("relaysrc.error.scheme");
        problem.Args[1].Should().Be(scheme);
        HubText.Default.Format(problem, "vi").Should().Contain("không được phép").And.Contain("http, https hoặc icecast");
        HubText.Default.Format(problem, "en").Should().Contain("not allowed");
    }

    [Theory]
    [InlineData("http://example.org/a b.mp3", "relaysrc.error.url-chars")]
    [InlineData("http://example.org/a.mp3\n-i", "relaysrc.error.url-chars")]
    [InlineData("http://example.org/\u0001", "relaysrc.error.url-chars")]
    [InlineData("http:///stream.mp3", "relaysrc.error.url-form")]
    [InlineData("http:example.org/stream.mp3", "relaysrc.error.url-form")]
    public void Malformed_urls_are_refused(string url, string key) =>
        RelaySourceRules.UrlProblem(url)!.Key.Should().Be(key);

    [Theory]
    [InlineData("http://127.0.0.1:8000/vov1.mp3")]
    [InlineData("https://str.vov.gov.vn/vovlive/vov1vov5Vietnamese.sdp_aac/playlist.m3u8")]
    [InlineData("icecast://127.0.0.1:8000/vov1.mp3")]
    [InlineData("HTTPS://radio.example.vn/nghe-an.aac")]
    [InlineData("http://user:secret@radio.example.vn:8000/live")]
    public void Web_streams_and_hls_are_accepted(string url) =>
        RelaySourceRules.UrlProblem(url).Should().BeNull();

    [Fact]
    public void A_url_longer_than_the_limit_is_refused() =>
        RelaySourceRules.UrlProblem("http://example.org/" + new string('a', RelaySourceRules.MaxUrlLength))!.Key.Should().Be("relaysrc.error.url-too-long");

    [Fact]
    public void Icecast_urls_are_read_as_http_and_passwords_never_shown()
    {
        RelaySourceRules.ForFfmpeg("icecast://127.0.0.1:8000/vov1.mp3").Should().Be("http://127.0.0.1:8000/vov1.mp3");
        RelaySourceRules.ForFfmpeg("https://a.vn/x.m3u8").Should().Be("https://a.vn/x.m3u8");
        RelaySourceRules.Redact("http://user:secret@radio.vn:8000/live?a=b@c").Should().Be("http://***@radio.vn:8000/live?a=b@c");
        RelaySourceRules.RedactText("Error opening input http://u:pw@h/x: refused").Should().Be("Error opening input http://***@h/x: refused");
    }

    [Theory]
    [InlineData("VOV1")]
    [InlineData("-vov")]
    [InlineData("vov 1")]
    [InlineData("")]
    public void Ids_follow_the_hub_id_rules(string id) =>
        FluentActions.Invoking(() => RelaySourceRules.Validate(id, "VOV1", ["http://a.vn/x"]))
            .Should().Throw<RelaySourceException>().Which.Text.Key.Should().Be("relaysrc.error.bad-id");

    [Fact]
    public void Names_urls_count_and_empty_lists_are_checked()
    {
        Key(() => RelaySourceRules.Validate("vov1", " ", ["http://a.vn/x"])).Should().Be("relaysrc.error.bad-name");
        Key(() => RelaySourceRules.Validate("vov1", "VOV1", [])).Should().Be("relaysrc.error.no-url");
        Key(() => RelaySourceRules.Validate("vov1", "VOV1", Enumerable.Range(0, RelaySourceRules.MaxUrls + 1).Select(i => (string?)$"http://a.vn/{i}"))).Should().Be("relaysrc.error.too-many-urls");
        Key(() => RelaySourceRules.Validate("vov1", "VOV1", ["http://a.vn/x", "file:///etc/passwd"])).Should().Be("relaysrc.error.scheme");
    }

    [Fact]
    public void The_store_keeps_urls_in_order_and_refuses_a_taken_id()
    {
        var store = new RelaySourceStore(_dir.Db, _dir.Time);

        store.Add("vov1", "VOV1 – Thời sự", ["http://a.vn/1.mp3", "icecast://b.vn/2.mp3"]);
        store.Add("nghe-an", "Đài PT-TH Nghệ An", ["https://c.vn/live.m3u8"]);

        store.Find("vov1")!.Urls.Should().Equal("http://a.vn/1.mp3", "icecast://b.vn/2.mp3");
        store.Find("vov1")!.Name.Should().Be("VOV1 – Thời sự");
        store.Find("vov1")!.CreatedAt.Should().Be(_dir.Time.GetUtcNow());
        store.List().Select(s => s.Id).Should().Equal("nghe-an", "vov1");
        Key(() => store.Add("vov1", "again", ["http://a.vn/x"])).Should().Be("relaysrc.error.exists");
        store.Remove("vov1").Should().BeTrue();
        store.Remove("vov1").Should().BeFalse();
        store.Find("vov1").Should().BeNull();
    }

    private static string Key(Action act)
    {
        try
        {
            act();
        }
        catch (RelaySourceException ex)
        {
            return ex.Text.Key;
        }

        throw new InvalidOperationException("not refused");
    }
}
