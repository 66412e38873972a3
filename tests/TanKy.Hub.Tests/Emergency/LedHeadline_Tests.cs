using Microsoft.Extensions.Logging.Abstractions;
using TanKy.Hub.Emergency;
using TanKy.Hub.Emergency.Led;
using TanKy.Protocol;

namespace TanKy.Hub.Tests.Emergency;

public sealed class LedHeadline_Tests
{
    private readonly FakeBoards _boards = new(
        new LedBoard("led-cho", ["khoi-1"]),
        new LedBoard("led-nga-tu", ["khoi-1", "khoi-2"]),
        new LedBoard("led-xom-3", ["xom-3"]));

    private LedEmergencyDisplay Display(int max = 120) =>
        new(_boards, Microsoft.Extensions.Options.Options.Create(new LedOptions { MaxCharacters = max }), NullLogger<LedEmergencyDisplay>.Instance);

    [Fact]
    public async Task Boards_in_the_target_zones_show_the_headline_then_restore_their_message()
    {
        _boards.Shown["led-cho"] = new LedMessage("Chào mừng ngày hội đại đoàn kết", BulletinClass.Normal);
        var display = Display();

        await display.StartAsync("b-1", ["khoi-1"], "Bão số 3 đổ bộ vào Nghệ An, đề nghị bà con sơ tán khẩn cấp", CancellationToken.None);

        _boards.Shown["led-cho"].Should().Be(new LedMessage("Bão số 3 đổ bộ vào Nghệ An, đề nghị bà con sơ tán khẩn cấp", BulletinClass.Emergency));
        _boards.Shown["led-nga-tu"].Text.Should().StartWith("Bão số 3");
        _boards.Shown.Should().NotContainKey("led-xom-3");

        await display.EndAsync("b-1", CancellationToken.None);

        _boards.Shown["led-cho"].Should().Be(new LedMessage("Chào mừng ngày hội đại đoàn kết", BulletinClass.Normal));
        _boards.Shown.Should().NotContainKey("led-nga-tu", "it was blank before and is blank again");
    }

    [Fact]
    public async Task A_board_in_two_targeted_zones_is_written_once()
    {
        await Display().StartAsync("b-1", ["khoi-1", "khoi-2"], "Lũ quét", CancellationToken.None);

        _boards.Log.Count(l => l.StartsWith("show led-nga-tu", StringComparison.Ordinal)).Should().Be(1);
    }

    [Fact]
    public async Task Overlapping_emergencies_show_the_latest_and_restore_only_after_the_last()
    {
        _boards.Shown["led-nga-tu"] = new LedMessage("Lịch tiêm chủng tháng 12", BulletinClass.Normal);
        var display = Display();

        await display.StartAsync("b-1", ["khoi-1"], "Bão số 3", CancellationToken.None);
        await display.StartAsync("b-2", ["khoi-2"], "Lũ quét sông Con", CancellationToken.None);
        _boards.Shown["led-nga-tu"].Text.Should().Be("Lũ quét sông Con");
        _boards.Shown["led-cho"].Text.Should().Be("Bão số 3");

        await display.EndAsync("b-2", CancellationToken.None);
        _boards.Shown["led-nga-tu"].Text.Should().Be("Bão số 3", "the earlier emergency is still on");
        _boards.Shown["led-cho"].Text.Should().Be("Bão số 3");

        await display.EndAsync("b-1", CancellationToken.None);
        _boards.Shown["led-nga-tu"].Text.Should().Be("Lịch tiêm chủng tháng 12");
        _boards.Shown.Should().NotContainKey("led-cho");
    }

    [Fact]
    public async Task Ending_an_older_emergency_leaves_the_latest_on_screen()
    {
        var display = Display();
        await display.StartAsync("b-1", ["khoi-1"], "Bão số 3", CancellationToken.None);
        await display.StartAsync("b-2", ["khoi-1"], "Lũ quét", CancellationToken.None);
        var writes = _boards.Log.Count;

        await display.EndAsync("b-1", CancellationToken.None);

        _boards.Log.Count.Should().Be(writes);
        _boards.Shown["led-cho"].Text.Should().Be("Lũ quét");
    }

    [Fact]
    public async Task Headlines_keep_their_diacritics_in_NFC_and_are_cut_to_the_board()
    {
        var decomposed = "Bão số 3 đổ bộ".Normalize(System.Text.NormalizationForm.FormD);

        await Display(max: 10).StartAsync("b-1", ["xom-3"], decomposed + " vào Nghệ An", CancellationToken.None);

        _boards.Shown["led-xom-3"].Text.Should().Be("Bão số 3…");
        _boards.Shown["led-xom-3"].Text.IsNormalized(System.Text.NormalizationForm.FormC).Should().BeTrue();
    }

    private sealed class FakeBoards(params LedBoard[] boards) : ILedBoardControl
    {
        public Dictionary<string, LedMessage> Shown { get; } = [];

        public List<string> Log { get; } = [];

        public IReadOnlyList<LedBoard> Boards() => boards;

        public LedMessage? Current(string boardId) => Shown.GetValueOrDefault(boardId);

        public Task ShowAsync(string boardId, LedMessage message, CancellationToken ct)
        {
            Log.Add($"show {boardId} {message.Text}");
            Shown[boardId] = message;
            return Task.CompletedTask;
        }

        public Task RestoreAsync(string boardId, LedMessage? previous, CancellationToken ct)
        {
            Log.Add($"restore {boardId}");
            if (previous is null)
            {
                Shown.Remove(boardId);
            }
            else
            {
                Shown[boardId] = previous;
            }

            return Task.CompletedTask;
        }
    }
}
