using TanKy.Hub.Broadcasts;
using TanKy.Hub.Devices;
using TanKy.Hub.Media.Speech;
using TanKy.Hub.Shared.Text;

namespace TanKy.Hub.Tests.Text;

/// <summary>
/// The rules2 area (#17): refusals that used to be English-only are text keys. The exception's
/// <c>Message</c> stays English for the log; its <c>Text</c> is shown in the reader's language.
/// </summary>
public sealed class Rules2Text_Tests
{
    [Fact]
    public void Every_rules2_key_has_its_own_Vietnamese_and_English()
    {
        var keys = HubText.Default.Keys.Where(k => k.StartsWith("rules2.", StringComparison.Ordinal)).ToList();

        keys.Should().HaveCountGreaterThan(50);
        keys.Should().OnlyContain(k => HubText.Default.Get(k, "vi") != HubText.Default.Get(k, "en"), "the Vietnamese is not the English copied");
    }

    [Fact]
    public void The_gateway_speaker_refuses_a_device_of_another_kind_in_words()
    {
        var ex = new RegistryException("rules2.gateway.not-speaker.camera", "loa-cong");

        ex.Message.Should().Be("device 'loa-cong' is a camera, not a speaker");
        HubText.Default.Format(ex.Text, "vi").Should().Be("thiết bị 'loa-cong' là camera, không phải loa");
    }

    [Fact]
    public void Broadcast_and_speech_refusals_log_English_and_show_Vietnamese()
    {
        var volume = new BroadcastRequestException("rules2.bc.volume", 150);
        var speech = new SpeechException(new TextMessage("rules2.speech.text-refused"), [new TextMessage("rules2.speech.no-audio").Encode()]);

        volume.Message.Should().Be("volume 150 is outside 0–100");
        HubText.Default.Format(volume.Text, "vi").Should().Be("âm lượng 150 nằm ngoài khoảng 0–100");
        speech.Message.Should().Be("text refused: espeak-ng produced no audio (unknown voice or nothing speakable)");
        HubText.Default.Format(speech.Text, "vi").Should().Be("nội dung không đọc được");
    }
}
