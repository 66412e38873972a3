using System.CommandLine;
using TanKy.Hub.Media;
using TanKy.Hub.Tests.Support;
using TanKy.Hub.Shared.Cli;

namespace TanKy.Hub.Tests.Media;

/// <summary>The <c>media</c> commands against a data directory, with no hub running.</summary>
public sealed class MediaCommands_Tests : IDisposable
{
    private readonly TempDataDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Add_list_show_and_remove_work_on_the_data_directory()
    {
        var wav = Path.Combine(_dir.Path, "ban-tin.wav");
        await File.WriteAllBytesAsync(wav, TestAudio.Wav16(TestAudio.SpeechLike(1)));

        (await Run("media", "add", wav, "--title", "Bản tin chiều", "--by", "van-hoa")).Should().Be(0);

        var library = new MediaTestBedLibrary(_dir).Library;
        var item = library.List().Should().ContainSingle().Subject;
        item.Title.Should().Be("Bản tin chiều");
        item.UploadedBy.Should().Be("van-hoa");
        (await Run("media", "list", "--json")).Should().Be(0);
        (await Run("media", "show", item.Id)).Should().Be(0);
        (await Run("media", "show", "m-aaaaaaaaaa")).Should().Be(1);
        (await Run("media", "remove", item.Id)).Should().Be(0);
        library.List().Should().BeEmpty();
    }

    [Fact]
    public async Task A_rejected_file_exits_1_and_stores_nothing()
    {
        var fake = Path.Combine(_dir.Path, "anh.wav");
        await File.WriteAllBytesAsync(fake, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);

        (await Run("media", "add", fake, "--title", "t")).Should().Be(1);
        (await Run("media", "add", Path.Combine(_dir.Path, "missing.wav"), "--title", "t")).Should().Be(1);

        new MediaTestBedLibrary(_dir).Library.List().Should().BeEmpty();
    }

    private Task<int> Run(params string[] args)
    {
        var root = new RootCommand { CliOptions.DataDir };
        root.Subcommands.Add(MediaCommands.Build());
        return root.Parse([.. args, "--data-dir", _dir.Path]).InvokeAsync();
    }

    private sealed class MediaTestBedLibrary(TempDataDir dir)
    {
        public MediaLibrary Library { get; } = new(dir.Db, Microsoft.Extensions.Options.Options.Create(new MediaOptions()), dir.Time, Microsoft.Extensions.Logging.Abstractions.NullLogger<MediaLibrary>.Instance);
    }
}
