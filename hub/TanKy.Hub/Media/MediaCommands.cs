using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using TanKy.Hub.Shared.Cli;

namespace TanKy.Hub.Media;

/// <summary>
/// <c>tanky-hub media add|list|show|remove</c>. Works on the data directory whether or not the
/// hub runs; imports go through the same <see cref="MediaLibrary"/> validation as HTTP uploads.
/// </summary>
public static class MediaCommands
{
    public static Command Build()
    {
        var media = new Command("media", "Thư viện âm thanh / the media library");
        media.Subcommands.Add(Add());
        media.Subcommands.Add(List());
        media.Subcommands.Add(Show());
        media.Subcommands.Add(Remove());
        return media;
    }

    internal static MediaLibrary Library(CliContext ctx)
    {
        var options = ctx.Configuration.GetSection(MediaOptions.Section).Get<MediaOptions>() ?? new MediaOptions();
        return new MediaLibrary(ctx.Db, Microsoft.Extensions.Options.Options.Create(options), ctx.Time, NullLogger<MediaLibrary>.Instance);
    }

    private static Command Add()
    {
        var file = new Argument<string>("FILE") { Description = "WAV (PCM 16/24-bit, float 32-bit; 8–48 kHz; mono/stereo) or MP3" };
        var title = new Option<string>("--title") { Description = "Tiêu đề / title shown to officers", Required = true };
        var by = new Option<string?>("--by") { Description = "Người tải lên / uploader (default: the OS user)" };
        var cmd = new Command("add", "Thêm bản tin âm thanh (chuẩn hoá −16 LUFS, mã hoá Opus) / import a recording") { file, title, by, CliOptions.Json };
        cmd.SetAction(async (r, ct) =>
        {
            var path = r.GetValue(file)!;
            if (!File.Exists(path))
            {
                return CliOutput.Fail(CliText.T("api2.media.cli.no-file", path));
            }

            MediaImportResult result;
            try
            {
                await using var content = File.OpenRead(path);
                var library = Library(CliOptions.Context(r));
                result = await library.ImportAsync(content, Path.GetFileName(path), r.GetValue(title)!, r.GetValue(by) ?? "cli:" + Environment.UserName, ct);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return CliOutput.Fail(ex.Message);
            }

            if (!result.Succeeded)
            {
                if (r.GetValue(CliOptions.Json))
                {
                    CliOutput.WriteJson(new { error = result.Rejection.Code, message = result.Rejection.Text(CliText.Language), detail = result.Rejection.Detail });
                }

                return CliOutput.Fail($"[{result.Rejection.Code}] {result.Rejection.Text(CliText.Language)} ({result.Rejection.Detail})");
            }

            Write(result.Item, r.GetValue(CliOptions.Json), CliText.T(result.Duplicate ? "api2.media.cli.duplicate" : "api2.media.cli.added"));
            return 0;
        });
        return cmd;
    }

    private static Command List()
    {
        var cmd = new Command("list", "Danh sách bản tin / list clips") { CliOptions.Json };
        cmd.SetAction(r => CliOptions.Guard(() =>
        {
            // Every kind: the CLI is for the technician, who also looks after text-to-speech clips.
            var items = Library(CliOptions.Context(r)).ListAll();
            if (r.GetValue(CliOptions.Json))
            {
                CliOutput.WriteJson(items.Select(MediaDto.From));
                return 0;
            }

            CliOutput.WriteTable(
                [.. "id kind duration lufs format uploaded by title".Split(' ').Select(h => CliText.T("api2.media.cli.h." + h))],
                items.Select(m => (IReadOnlyList<string>)[m.Id, MediaRow.ToKind(m.Kind), Duration(m.DurationMs), $"{m.LoudnessLufsBefore:0.0}→{m.LoudnessLufsStream:0.0}", m.OriginalFormat, Shared.CommuneTime.ToLocal(m.UploadedAt).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), m.UploadedBy, m.Title]));
            Console.Out.WriteLine(CliText.T("api2.media.cli.count", items.Count));
            return 0;
        }));
        return cmd;
    }

    private static Command Show()
    {
        var id = new Argument<string>("ID");
        var cmd = new Command("show", "Chi tiết một bản tin / one clip") { id, CliOptions.Json };
        cmd.SetAction(r => CliOptions.Guard(() =>
        {
            var item = Library(CliOptions.Context(r)).Get(r.GetValue(id)!);
            if (item is null)
            {
                return CliOutput.Fail(CliText.T("api2.media.cli.not-found", r.GetValue(id)));
            }

            Write(item, r.GetValue(CliOptions.Json), null);
            return 0;
        }));
        return cmd;
    }

    private static Command Remove()
    {
        var id = new Argument<string>("ID");
        var cmd = new Command("remove", "Xoá bản tin / delete a clip") { id };
        cmd.SetAction(r => CliOptions.Guard(() =>
        {
            if (!Library(CliOptions.Context(r)).Delete(r.GetValue(id)!))
            {
                return CliOutput.Fail(CliText.T("api2.media.cli.not-found", r.GetValue(id)));
            }

            Console.Out.WriteLine(CliText.T("api2.media.cli.removed", r.GetValue(id)));
            return 0;
        }));
        return cmd;
    }

    private static void Write(MediaItem m, bool json, string? headline)
    {
        if (json)
        {
            CliOutput.WriteJson(MediaDto.From(m));
            return;
        }

        if (headline is not null)
        {
            Console.Out.WriteLine($"{headline}: {m.Id}");
        }

        var n = CultureInfo.InvariantCulture;
        Console.Out.WriteLine(CliText.T("api2.media.cli.show.id", m.Id));
        Console.Out.WriteLine(CliText.T("api2.media.cli.show.title", m.Title));
        Console.Out.WriteLine(CliText.T("api2.media.cli.show.duration", Duration(m.DurationMs), m.Frames, m.Bitrate / 1000, m.StreamBytes));
        Console.Out.WriteLine(CliText.T("api2.media.cli.show.original", m.OriginalName, m.OriginalFormat, m.SourceSampleRate, m.SourceChannels, m.SizeBytes));
        Console.Out.WriteLine(CliText.T("api2.media.cli.show.loudness", m.LoudnessLufsBefore.ToString("0.0", n), m.GainDb.ToString("+0.0;-0.0", n), m.LoudnessLufsAfter.ToString("0.0", n), m.LoudnessLufsStream.ToString("0.0", n), m.PeakDbfsBefore.ToString("0.0", n)));
        Console.Out.WriteLine(CliText.T("api2.media.cli.show.uploaded", Shared.CommuneTime.ToLocal(m.UploadedAt).ToString("yyyy-MM-dd HH:mm:ss zzz", n), m.UploadedBy));
        Console.Out.WriteLine(CliText.T("api2.media.cli.show.sha256", m.Sha256));
    }

    private static string Duration(long ms) => TimeSpan.FromMilliseconds(ms).ToString(ms >= 3_600_000 ? @"h\:mm\:ss" : @"m\:ss\.f", CultureInfo.InvariantCulture);
}
