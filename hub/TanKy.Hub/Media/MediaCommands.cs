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
        var media = new Command("media", CliText.T("cli2.media"));
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
        var file = new Argument<string>("FILE") { Description = CliText.T("cli2.media.file") };
        var title = new Option<string>("--title") { Description = CliText.T("cli2.media.title"), Required = true };
        var by = new Option<string?>("--by") { Description = CliText.T("cli2.media.by") };
        var cmd = new Command("add", CliText.T("cli2.media.add")) { file, title, by, CliOptions.Json };
        cmd.SetAction(async (r, ct) =>
        {
            var path = r.GetValue(file)!;
            if (!File.Exists(path))
            {
                return CliOutput.Fail(CliText.T("cli2.media.no-file", path));
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

            Write(result.Item, r.GetValue(CliOptions.Json), result.Duplicate ? CliText.T("cli2.media.duplicate") : CliText.T("cli2.media.added"));
            return 0;
        });
        return cmd;
    }

    private static Command List()
    {
        var cmd = new Command("list", CliText.T("cli2.media.list")) { CliOptions.Json };
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
                CliText.Columns("id", "kind", "duration", "lufs", "format", "uploaded", "by", "title"),
                items.Select(m => (IReadOnlyList<string>)[m.Id, MediaRow.ToKind(m.Kind), Duration(m.DurationMs), $"{m.LoudnessLufsBefore:0.0}→{m.LoudnessLufsStream:0.0}", m.OriginalFormat, Shared.CommuneTime.ToLocal(m.UploadedAt).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), m.UploadedBy, m.Title]));
            Console.Out.WriteLine(CliText.T("cli2.media.count", items.Count));
            return 0;
        }));
        return cmd;
    }

    private static Command Show()
    {
        var id = new Argument<string>("ID");
        var cmd = new Command("show", CliText.T("cli2.media.show")) { id, CliOptions.Json };
        cmd.SetAction(r => CliOptions.Guard(() =>
        {
            var item = Library(CliOptions.Context(r)).Get(r.GetValue(id)!);
            if (item is null)
            {
                return CliOutput.Fail(CliText.T("cli2.media.not-found", r.GetValue(id)));
            }

            Write(item, r.GetValue(CliOptions.Json), null);
            return 0;
        }));
        return cmd;
    }

    private static Command Remove()
    {
        var id = new Argument<string>("ID");
        var cmd = new Command("remove", CliText.T("cli2.media.remove")) { id };
        cmd.SetAction(r => CliOptions.Guard(() =>
        {
            if (!Library(CliOptions.Context(r)).Delete(r.GetValue(id)!))
            {
                return CliOutput.Fail(CliText.T("cli2.media.not-found", r.GetValue(id)));
            }

            Console.Out.WriteLine(CliText.T("cli2.media.removed", r.GetValue(id)));
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

        Field("id", m.Id);
        Field("title", m.Title);
        Field("duration", CliText.T("cli2.media.v.duration", Duration(m.DurationMs), m.Frames, m.Bitrate / 1000, m.StreamBytes));
        Field("original", CliText.T("cli2.media.v.original", m.OriginalName, m.OriginalFormat, m.SourceSampleRate, m.SourceChannels, m.SizeBytes));
        Field("loudness", CliText.T("cli2.media.v.loudness", m.LoudnessLufsBefore, m.GainDb, m.LoudnessLufsAfter, m.LoudnessLufsStream, m.PeakDbfsBefore));
        Field("uploaded", CliText.T("cli2.media.v.uploaded", Shared.CommuneTime.ToLocal(m.UploadedAt).ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture), m.UploadedBy));
        Field("sha256", m.Sha256);
    }

    // "tiêu đề:   …": the label in the CLI's language, values lined up.
    private static void Field(string name, string? value)
    {
        var label = CliText.T("cli2.media.f." + name) + ":";
        Console.Out.WriteLine(label.PadRight(14) + value);
    }

    private static string Duration(long ms) => TimeSpan.FromMilliseconds(ms).ToString(ms >= 3_600_000 ? @"h\:mm\:ss" : @"m\:ss\.f", CultureInfo.InvariantCulture);
}
