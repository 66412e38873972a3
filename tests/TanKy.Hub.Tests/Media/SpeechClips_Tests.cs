using Microsoft.Extensions.Logging.Abstractions;
using TanKy.Hub.Media;
using TanKy.Hub.Media.Speech;
using TanKy.Hub.Tests.Support;

namespace TanKy.Hub.Tests.Media;

/// <summary>
/// Text-to-speech clips (issue #17): titled by their first words and the commune's date, and kept
/// apart ("Đã đọc") from the library's clips that pickers offer.
/// </summary>
public sealed class SpeechClips_Tests
{
    private const string Notice = "Thông báo họp dân khối 3 vào lúc 19 giờ tối nay tại nhà văn hoá, đề nghị các hộ gia đình cử đại diện tham dự đầy đủ";

    [Fact]
    public void A_long_text_is_cut_to_its_first_words_and_dated_in_Vietnam_time()
    {
        // 18:30 UTC on the 6th is 01:30 on the 7th in Tân Kỳ: the date is the commune's.
        var title = SpeechTitle.From(Notice, new DateTimeOffset(2026, 12, 6, 18, 30, 0, TimeSpan.Zero));

        title.Should().Be("Thông báo họp dân khối 3… – 07/12/2026");
    }

    [Theory]
    [InlineData("Bão số 3", "Bão số 3 – 07/12/2026")]
    [InlineData("  Mất   điện  khối 2 ", "Mất điện khối 2 – 07/12/2026")]
    [InlineData("Cúp nước từ 8 giờ sáng, khối 1, khối 2", "Cúp nước từ 8 giờ sáng… – 07/12/2026")]
    public void A_short_text_keeps_its_words_and_a_cut_drops_trailing_punctuation(string text, string expected)
    {
        var title = SpeechTitle.From(text, new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.FromHours(7)));

        title.Should().Be(expected);
    }

    [Fact]
    public void One_endless_word_is_cut_to_the_character_limit()
    {
        var title = SpeechTitle.From(new string('a', 300), new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.FromHours(7)));

        title.Should().Be(new string('a', SpeechTitle.MaxChars) + "… – 07/12/2026");
    }

    [Fact]
    public async Task Speech_is_stored_as_its_own_kind_outside_the_library_list_and_the_api_list()
    {
        using var bed = new MediaTestBed();
        var upload = await bed.Import(ToneWav.Create(TimeSpan.FromSeconds(2), 440), title: "Nhạc hiệu đầu giờ");
        var speech = new SpeechMedia(new ToneSynthesizer(), bed.Library, NullLogger<SpeechMedia>.Instance);

        var spoken = await speech.CreateAsync(Notice, Notice, "van-hoa", ImportLane.Normal, CancellationToken.None);

        var item = bed.Library.Get(spoken.Item.Id)!;
        item.Kind.Should().Be(MediaKind.Speech);
        item.Title.Should().Be("Thông báo họp dân khối 3… – 28/11/2026", "the test bed's clock is 28/11/2026 06:00 in Tân Kỳ");
        bed.Library.List().Should().ContainSingle().Which.Id.Should().Be(upload.Item!.Id, "pickers and the main list offer clips only");
        bed.Library.List(MediaKind.Speech).Should().ContainSingle().Which.Id.Should().Be(item.Id);
        bed.Library.ListAll().Select(m => m.Id).Should().BeEquivalentTo([upload.Item.Id, item.Id]);
        bed.Library.Get(upload.Item.Id)!.Kind.Should().Be(MediaKind.Clip);
        MediaDto.From(item).Kind.Should().Be("speech");
    }

    /// <summary>A synthesiser that "speaks" a tone whose pitch depends on the text (distinct bytes per text).</summary>
    private sealed class ToneSynthesizer : ISpeechSynthesizer
    {
        public Task<SpeechResult> SynthesizeAsync(string text, CancellationToken ct) =>
            Task.FromResult(new SpeechResult(ToneWav.Create(TimeSpan.FromSeconds(1.5), 300 + (text.Length % 200)), TimeSpan.FromSeconds(1.5), text, "test"));
    }
}
