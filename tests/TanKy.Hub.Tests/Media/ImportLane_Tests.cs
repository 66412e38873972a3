using TanKy.Hub.Media;

namespace TanKy.Hub.Tests.Media;

/// <summary>Issue #14: emergency content has its own import slot and never waits for a normal upload.</summary>
public sealed class ImportLane_Tests : IDisposable
{
    private readonly MediaTestBed _bed = new();

    public void Dispose() => _bed.Dispose();

    [Fact]
    public async Task An_emergency_import_completes_while_a_normal_upload_holds_the_normal_slot()
    {
        var wav = TestAudio.Wav16(TestAudio.SpeechLike(1));
        using var slow = new HeldStream(TestAudio.Wav16(TestAudio.SpeechLike(2, seed: 11)));
        var upload = _bed.Library.ImportAsync(slow, "dai.wav", "Bản tin dài", "van-hoa", CancellationToken.None);
        await slow.Reading.Task.WaitAsync(TimeSpan.FromSeconds(30));

        // Generous failure guard, not a timing claim: on the shared lane this waits forever.
        var emergency = await _bed.Library.ImportAsync(new MemoryStream(wav), "khan.wav", "Ghi âm khẩn cấp", "van-hoa", ImportLane.Emergency, CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(30));

        emergency.Succeeded.Should().BeTrue();
        upload.IsCompleted.Should().BeFalse("the normal upload is still being read");
        slow.Release();
        (await upload.WaitAsync(TimeSpan.FromSeconds(30))).Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task A_second_normal_import_still_waits_for_the_normal_slot()
    {
        using var slow = new HeldStream(TestAudio.Wav16(TestAudio.SpeechLike(2, seed: 11)));
        var upload = _bed.Library.ImportAsync(slow, "dai.wav", "Bản tin dài", "van-hoa", CancellationToken.None);
        await slow.Reading.Task.WaitAsync(TimeSpan.FromSeconds(30));
        using var cancel = new CancellationTokenSource();

        var second = _bed.Library.ImportAsync(new MemoryStream(TestAudio.Wav16(TestAudio.SpeechLike(1))), "b.wav", "B", "van-hoa", cancel.Token);
        await cancel.CancelAsync();

        await FluentActions.Awaiting(() => second).Should().ThrowAsync<OperationCanceledException>("it was still waiting for the one normal slot");
        slow.Release();
        (await upload.WaitAsync(TimeSpan.FromSeconds(30))).Succeeded.Should().BeTrue();
    }

    /// <summary>An upload whose last bytes arrive only when the test says so (a slow client).</summary>
    private sealed class HeldStream(byte[] bytes) : MemoryStream(bytes)
    {
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Reading { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release() => _release.TrySetResult();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (Position > 0)
            {
                Reading.TrySetResult();
                await _release.Task.WaitAsync(cancellationToken);
            }

            return await base.ReadAsync(buffer, cancellationToken);
        }
    }
}
