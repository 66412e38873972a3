using System.Net;
using TanKy.Hub.Broadcasts.Live;
using TanKy.Hub.Broadcasts.Sources;

namespace TanKy.Hub.Tests.EmergencyEngine;

/// <summary>The live PCM encoder, the live source and the sound-card source (a stand-in arecord script).</summary>
public sealed class LiveSources_Tests
{
    [Theory]
    [InlineData(8_000)]
    [InlineData(16_000)]
    [InlineData(48_000)]
    public void One_second_of_PCM_in_odd_sized_chunks_becomes_fifty_20_ms_Opus_packets(int rate)
    {
        var encoder = new LivePcmEncoder(rate);
        var pcm = new byte[rate * 2];
        for (var i = 0; i < rate; i++)
        {
            var s = (short)(5000 * Math.Sin(2 * Math.PI * 300 * i / rate));
            pcm[2 * i] = (byte)s;
            pcm[(2 * i) + 1] = (byte)(s >> 8);
        }

        var packets = new List<ReadOnlyMemory<byte>>();
        for (var offset = 0; offset < pcm.Length; offset += 333)
        {
            encoder.Add(pcm.AsSpan(offset, Math.Min(333, pcm.Length - offset)), packets.Add);
        }

        packets.Should().HaveCount(50);
        packets.Should().OnlyContain(p => p.Length > 0 && p.Length <= 1275);
        var decoder = Concentus.OpusCodecFactory.CreateDecoder(AudioSourceFormat.SampleRate, 1);
        var output = new float[AudioSourceFormat.FrameSamples];
        var peak = 0f;
        foreach (var packet in packets)
        {
            decoder.Decode(packet.Span, output, AudioSourceFormat.FrameSamples).Should().Be(AudioSourceFormat.FrameSamples);
            peak = Math.Max(peak, output.Max(Math.Abs));
        }

        peak.Should().BeGreaterThan(0.08f, "the 0.15 tone survives resampling and the codec");
    }

    [Fact]
    public async Task A_live_source_yields_what_was_written_and_ends_when_completed()
    {
        var source = new LiveAudioSource("mic", TimeProvider.System, 312);
        source.Write(new byte[] { 1, 2, 3 });
        source.Write(new byte[] { 4 });
        source.Complete();

        var read = new List<ReadOnlyMemory<byte>>();
        await foreach (var p in source.ReadPacketsAsync(0, CancellationToken.None))
        {
            read.Add(p);
        }

        read.Select(p => p.Length).Should().Equal(3, 1);
        source.IsLive.Should().BeTrue();
        source.TotalSamples.Should().BeNull();
    }

    [Fact]
    public async Task The_sound_card_source_goes_on_the_air_through_the_API()
    {
        var script = Path.Combine(Path.GetTempPath(), $"fake-arecord-{Guid.NewGuid():N}.sh");
        await File.WriteAllTextAsync(script, "#!/bin/sh\nexec head -c 96000 /dev/urandom\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.UserWrite);
        try
        {
            await using var hub = await EmergencyHub.StartAsync(new Dictionary<string, string>
            {
                ["Live:Arecord:Device"] = "plughw:1,0",
                ["Live:Arecord:Command"] = script,
            });
            using var head = hub.Client("truong-khoi-1");

            (await head.PostAsync("/api/v1/live/arecord?zones=xom-3", null)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
            var response = await head.PostAsync("/api/v1/live/arecord?zones=khoi-1", null);

            response.StatusCode.Should().Be(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
            var id = (await EmergencyHub.JsonAsync(response)).GetProperty("id").GetString()!;
            var record = hub.Broadcasts.Get(id)!;
            record.Source.Should().Be("live");
            record.Class.Should().Be("emergency");
            await EmergencyHub.EventuallyAsync(() => hub.Broadcasts.Get(id)!.Status == TanKy.Hub.Broadcasts.BroadcastStatus.Finished, "the capture to end with the process");
        }
        finally
        {
            File.Delete(script);
        }
    }
}
