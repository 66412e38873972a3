using TanKy.Hub.Schedules.Parsing;

namespace TanKy.Hub.Tests.Schedules.Relays;

/// <summary>
/// The relay example (schedules/examples/) validates once its sources are registered, also together
/// with the sample programme; the sample folder itself, which the demo loads, names no source.
/// </summary>
public sealed class RelaySample_Tests
{
    private static readonly DateTimeOffset From = new(2026, 2, 9, 0, 0, 0, TimeSpan.FromHours(7));

    private static ScheduleReferences Refs(params string[] sources) => new(
        Enumerable.Range(1, 6).SelectMany(i => new[] { $"khoi-{i}", $"xom-{i}" }).ToList(), new HashSet<string>(StringComparer.Ordinal), SampleProgramme_Tests.Clips)
    {
        Sources = sources.ToHashSet(StringComparer.Ordinal),
    };

    private static string Examples() => Path.Combine(SampleProgramme_Tests.Folder(), "examples");

    [Fact]
    public void The_example_is_valid_with_its_sources_alone_and_beside_the_sample_programme()
    {
        var alone = ScheduleLoader.Load(ScheduleSource.ReadFolder(Examples()), Refs("vov1", "nghe-an"), From, TimeSpan.FromDays(56));
        var both = ScheduleLoader.Load(
            [.. ScheduleSource.ReadFolder(SampleProgramme_Tests.Folder()), .. ScheduleSource.ReadFolder(Examples())], Refs("vov1", "nghe-an"), From, TimeSpan.FromDays(56),
            new TanKy.Hub.Schedules.DeviceActions.DesiredSchemaActionValidator());

        alone.Errors.Should().BeEmpty();
        both.Errors.Select(e => e.ToString()).Should().BeEmpty();
        both.Set!.Programmes.Where(p => p.Content.Relay is not null).Select(p => p.Content.Relay!.SourceId).Should().Equal("vov1", "nghe-an");
        both.Set.Recordings.Select(r => r.Name).Should().Equal("vov-thoi-su-sang");
    }

    [Fact]
    public void Without_registered_sources_the_example_names_each_missing_source()
    {
        var result = ScheduleLoader.Load(ScheduleSource.ReadFolder(Examples()), Refs(), From, TimeSpan.FromDays(56));

        result.Errors.Select(e => (e.Key, e.Args[0])).Should().BeEquivalentTo(new[]
        {
            ("sched.err.noSource", "vov1"), ("sched.err.noSource", "vov1"), ("sched.err.noSource", "nghe-an"),
        });
    }

    [Fact]
    public void The_sample_folder_the_demo_loads_has_no_relay()
    {
        var result = ScheduleLoader.Load(ScheduleSource.ReadFolder(SampleProgramme_Tests.Folder()), Refs(), From, TimeSpan.FromDays(56),
            new TanKy.Hub.Schedules.DeviceActions.DesiredSchemaActionValidator());

        result.Errors.Should().BeEmpty();
        result.Set!.Programmes.Should().OnlyContain(p => p.Content.Relay == null);
        result.Set.Recordings.Should().BeEmpty();
    }
}
