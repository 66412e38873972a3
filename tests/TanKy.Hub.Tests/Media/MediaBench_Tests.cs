using TanKy.Hub.Media;
using Xunit.Abstractions;

namespace TanKy.Hub.Tests.Media;

/// <summary>The benchmark helper runs and reports; speed itself is never asserted.</summary>
public sealed class MediaBench_Tests(ITestOutputHelper output)
{
    [Fact]
    public void The_encode_benchmark_helper_reports_a_speed()
    {
        var options = new MediaOptions();

        var result = MediaBench.MeasureEncode(TestAudio.SpeechLike(5), options);

        output.WriteLine($"{result.AudioSeconds} s encoded in {result.EncodeSeconds:0.000} s = {result.TimesRealTime:0}x real time, {result.StreamBytes} bytes, native={result.Native}");
        result.Frames.Should().Be((int)Math.Ceiling((240000 + 312) / 960.0));
        result.Native.Should().BeFalse("UseNativeOpus is off by default");
        result.TimesRealTime.Should().BePositive();
    }
}
