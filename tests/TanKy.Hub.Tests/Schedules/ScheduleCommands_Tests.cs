using System.CommandLine;
using TanKy.Hub.Schedules;
using TanKy.Hub.Shared.Cli;

namespace TanKy.Hub.Tests.Schedules;

/// <summary><c>tanky-hub schedules check|agenda</c> against a data directory, with no hub running.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ScheduleCommands_Tests : IDisposable
{
    private readonly ScheduleTestBed _bed = new();

    public void Dispose() => _bed.Dispose();

    [Fact]
    public async Task Check_prints_file_line_column_and_exits_1_for_errors()
    {
        SampleWeek.WriteAll(_bed);
        var file = _bed.Write("hop.yaml", "programmes:\n  - id: hop\n    title: Họp\n    zones: [khoi-9]\n    content: [m-thongbaok3]\n    recurrence: { times: [\"19:00\"] }\n");

        var (code, output) = await Run("schedules", "check", _bed.Folder);

        code.Should().Be(1);
        output.Trim().Split('\n').Should().ContainSingle().Which.Should().StartWith($"{file}:4:13: ").And.Contain("khoi-9");
    }

    [Fact]
    public async Task Check_exits_0_for_a_valid_folder_and_agenda_lists_the_airings()
    {
        SampleWeek.WriteAll(_bed);

        var (code, output) = await Run("schedules", "check", _bed.Folder);
        code.Should().Be(0);
        output.Should().Contain("Hợp lệ: 3 chương trình");

        (code, output) = await Run("schedules", "agenda", "--days", "7", "--zone", "khoi-3", "--dir", _bed.Folder, "--json");
        code.Should().Be(0);
        output.Should().Contain("\"programme\": \"ban-tin-sang\"").And.Contain("\"zone\": \"khoi-3\"").And.NotContain("\"zone\": \"khoi-1\"");
    }

    private Task<(int Code, string Output)> Run(params string[] args) => ScheduleCli.RunAsync(_bed.Path, args);
}

/// <summary>Tests that redirect the process's console run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCollection
{
    public const string Name = "console";
}
