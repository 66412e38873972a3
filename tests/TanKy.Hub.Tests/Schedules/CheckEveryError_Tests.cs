using TanKy.Hub.Schedules.Model;
using TanKy.Hub.Schedules.Parsing;
using TanKy.Hub.Web.Console.Text;

namespace TanKy.Hub.Tests.Schedules;

/// <summary>
/// <c>schedules check</c> lists every error of every file (issue #17, item 12): a programme with
/// four mistakes gives four lines, each with its line and column, in Vietnamese.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class CheckEveryError_Tests : IDisposable
{
    // Line 7: a time that does not exist, line 4: an unknown hamlet, line 5: a clip not in the
    // library, line 8: a calendar no file declares. Before, the bad time refused the programme and
    // its references were never looked at: one line.
    private const string FourErrors = """
        programmes:
          - id: ban-tin-sang
            title: Bản tin sáng
            zones: [khoi-1, khoi-9]
            content: [m-bantinsang, m-khongcoooo]
            recurrence:
              times: ["25:00"]
            skip_on: [nghi-he]
        """;

    private readonly ScheduleTestBed _bed = new();

    public void Dispose() => _bed.Dispose();

    [Fact]
    public async Task A_file_with_four_errors_gives_four_located_Vietnamese_lines_and_exit_1()
    {
        var file = _bed.Write("loi.yaml", FourErrors);

        var (code, output) = await ScheduleCli.RunAsync(_bed.Path, "schedules", "check", _bed.Folder);

        code.Should().Be(1);
        var lines = output.Trim().Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        lines.Should().Equal(
            $"{file}:4:21: không có khối/xóm 'khoi-9'",
            $"{file}:5:29: không có bản tin 'm-khongcoooo' trong thư viện âm thanh",
            $"{file}:7:15: giờ '25:00' không đúng: viết 7h30 hoặc 07:30 (từ 00:00 đến 23:59)",
            $"{file}:8:15: không có lịch nghỉ 'nghi-he' trong các tệp lịch");
    }

    [Fact]
    public async Task Errors_of_every_file_are_listed_up_to_the_cap_then_counted()
    {
        _bed.Write("a.yaml", FourErrors);
        var many = string.Concat(Enumerable.Range(0, ScheduleErrorList.Cap + 5).Select(i =>
            $"  - id: p-{i}\n    title: P {i}\n    zones: [khong-co-{i}]\n    content: [m-bantinsang]\n    recurrence: {{ times: [\"06:00\"] }}\n"));
        _bed.Write("b.yaml", "programmes:\n" + many);

        var (code, output) = await ScheduleCli.RunAsync(_bed.Path, "schedules", "check", _bed.Folder);

        code.Should().Be(1);
        var lines = output.Trim().Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        lines.Should().HaveCount(ScheduleErrorList.Cap + 1);
        lines.Take(4).Should().OnlyContain(l => l.Contains("a.yaml:", StringComparison.Ordinal), "files are listed in name order");
        lines.Skip(4).Take(ScheduleErrorList.Cap - 4).Should().OnlyContain(l => l.Contains("b.yaml:", StringComparison.Ordinal) && l.Contains("không có khối/xóm", StringComparison.Ordinal));
        lines[^1].Should().Be("… và 9 lỗi nữa");
    }

    [Fact]
    public void Every_schedule_error_key_has_Vietnamese_and_English_text()
    {
        var text = new ConsoleText();
        var errors = LoadAll();

        errors.Should().NotBeEmpty();
        foreach (var e in errors)
        {
            var vi = e.Text(k => text.Get(k, "vi"));
            var en = e.Text(k => text.Get(k, "en"));
            vi.Should().NotStartWith("[", $"{e.Key} needs a text");
            vi.Should().NotBe(en, $"{e.Key} is translated");
            vi.Should().NotContain(" / ", "one language at a time");
        }
    }

    /// <summary>A folder with one error of many kinds.</summary>
    private IReadOnlyList<ScheduleError> LoadAll()
    {
        _bed.Write("a.yaml", FourErrors);
        _bed.Write("b.yaml", """
            programmes:
              - id: Sai Mã
                title: x
                class: emergency
                zones: []
                content: [khong-phai-ma]
                recurrence: { times: ["7h61"], every: "2 tuan", until: 2026-01-01, from: 2026-02-01, cron: "bad" }
                on_preempt: later
                volume: 120
                colour: red
            calendars:
              - id: nghi
                dates: [2026-13-01, { from: 2026-01-10, to: 2026-01-01 }]
            actions:
              - id: den
                target: { zones: all, kind: toaster }
                set: {}
                recurrence: { times: ["05:00"], days: [someday] }
            """);
        return _bed.Load().Errors;
    }
}
