using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using TanKy.Hub.Media.Demo;
using TanKy.Hub.Media;
using TanKy.Hub.Schedules.Parsing;
using TanKy.Hub.Tests.Schedules;
using TanKy.Hub.Tests.Support;

namespace TanKy.Hub.Tests.Cli;

/// <summary>The demo (command 1) gives the sample programme its clips, so the hub loads it instead of refusing every file.</summary>
public sealed class DemoMedia_Tests : IDisposable
{
    private readonly TempDataDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void The_sample_commune_with_the_demo_clips_validates_the_sample_programme_and_a_second_run_adds_nothing()
    {
        SampleCommune.Import(_dir.Db, 1);
        var library = new MediaLibrary(_dir.Db, Microsoft.Extensions.Options.Options.Create(new MediaOptions()), TimeProvider.System, NullLogger<MediaLibrary>.Instance);
        ScheduleLoadResult Load() => ScheduleLoader.Load(
            ScheduleSource.ReadFolder(SampleProgramme_Tests.Folder()), new RegistryReferenceSource(_dir.Zones, _dir.Devices, library).Read(), DateTimeOffset.UtcNow, TimeSpan.FromDays(56));
        Load().Errors.Should().Contain(e => e.Key == "sched.err.noMedia");

        var added = DemoMedia.Provision(_dir.Db, SampleProgramme_Tests.Folder());

        added.Should().Be(SampleProgramme_Tests.Clips.Count, "one stand-in per clip the sample programme names");
        Load().Errors.Should().BeEmpty();
        library.List().Should().OnlyContain(m => m.Frames > 0 && File.Exists(Path.Combine(library.ItemDirectory(m.Id), MediaStore.StreamFileName)));
        DemoMedia.Provision(_dir.Db, SampleProgramme_Tests.Folder()).Should().Be(0);
    }
}
