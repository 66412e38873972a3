using TanKy.Hub.Schedules;
using TanKy.Hub.Schedules.Parsing;
using TanKy.Hub.Schedules.Planning;
using TanKy.Hub.Schedules.DeviceActions;

namespace TanKy.Hub.Tests.Schedules;

/// <summary>The repository's sample programme (schedules/*.yaml) validates against Tân Kỳ's hamlets and the sample clips.</summary>
public sealed class SampleProgramme_Tests
{
    internal static readonly Dictionary<string, TimeSpan> Clips = new(StringComparer.Ordinal)
    {
        ["m-nhachieudn"] = TimeSpan.FromSeconds(12),
        ["m-nhachieukt"] = TimeSpan.FromSeconds(8),
        ["m-bantinsang"] = TimeSpan.FromMinutes(15),
        ["m-bantintoi2"] = TimeSpan.FromMinutes(20),
        ["m-giadetanky"] = TimeSpan.FromMinutes(5),
        ["m-tinhuyen26"] = TimeSpan.FromMinutes(10),
        ["m-tinnghean2"] = TimeSpan.FromMinutes(10),
        ["m-thongbaok3"] = TimeSpan.FromMinutes(3),
        ["m-tiemphong2"] = TimeSpan.FromMinutes(2),
    };

    [Fact]
    public void The_sample_programme_is_valid_and_skips_tet()
    {
        var zones = Enumerable.Range(1, 6).SelectMany(i => new[] { $"khoi-{i}", $"xom-{i}" }).ToList();
        var refs = new ScheduleReferences(zones, new HashSet<string>(StringComparer.Ordinal), Clips);
        var from = new DateTimeOffset(2026, 2, 9, 0, 0, 0, TimeSpan.FromHours(7));

        var result = ScheduleLoader.Load(ScheduleSource.ReadFolder(Folder()), refs, from, TimeSpan.FromDays(56), new TanKy.Hub.Schedules.DeviceActions.DesiredSchemaActionValidator());

        result.Errors.Should().BeEmpty();
        var agenda = AgendaService.Compute(result.Set!, from, TimeSpan.FromDays(21), "khoi-1");
        agenda.Should().Contain(e => e.ProgrammeId == "ban-tin-sang" && e.Status == AgendaStatus.SkippedHoliday && e.Reason!.Contains("Mùng 1 Tết", StringComparison.Ordinal));
        agenda.Should().Contain(e => e.ProgrammeId == "ban-tin-sang" && e.Status == AgendaStatus.Resumed);
        result.Set!.Actions.Should().HaveCount(2);
    }

    internal static string Folder()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "TanKy.Iot.sln")))
        {
            dir = dir.Parent;
        }

        return Path.Combine(dir!.FullName, "schedules");
    }
}
