using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TanKy.Hub.Schedules.Model;
using TanKy.Hub.Schedules.Parsing;
using TanKy.Protocol;

namespace TanKy.Hub.Schedules.Editing;

/// <summary>
/// Creates, edits and removes programmes for the web console through the schedule files: the
/// changed file is validated together with the rest of the folder by <see cref="ScheduleLoader"/>
/// (the very check a reload runs) before anything is written; a refused change writes nothing,
/// so the running programme goes on. An accepted change is written atomically and loaded at once
/// through <see cref="ProgrammeStore.Reload"/> (the folder watcher's reload that follows finds
/// nothing new).
/// </summary>
public sealed class ProgrammeEditor(ProgrammeStore store, IOptions<ScheduleOptions> options, IScheduleReferenceSource refs, TimeProvider time, IEnumerable<IDeviceActionValueValidator> values, ILogger<ProgrammeEditor> log)
{
    private readonly Lock _gate = new();

    private string Folder => options.Value.FullDirectory;

    /// <summary>The form for an existing programme, or null (unknown, or a rule the form cannot show, like cron).</summary>
    public ProgrammeDraft? Load(string id) => Find(id) is { } p ? ProgrammeDraft.Of(p) : null;

    public ProgrammeSaveResult Create(ProgrammeDraft draft, string by)
    {
        lock (_gate)
        {
            if (string.IsNullOrWhiteSpace(draft.Id))
            {
                // Officers name programmes; the file id is made from the name.
                draft.Id = ProgrammeIds.FromTitle(draft.Title, id => Find(id) is not null || File.Exists(PathOf(id)));
            }

            if (RepeatChoice.Plan(draft) is (null, { } field, { } problem))
            {
                return ProgrammeSaveResult.OnField(field, ProgrammeSaveResult.TextKey(problem));
            }

            if (Identifiers.IsValid(draft.Id) && draft.Id.Length <= ProgrammeParser.MaxIdLength
                && (Find(draft.Id) is not null || File.Exists(PathOf(draft.Id))))
            {
                return ProgrammeSaveResult.OnField("id", ProgrammeSaveResult.TextKey("sched.edit.idTaken"));
            }

            // A new hub may have no schedule folder yet: the first programme creates it.
            Directory.CreateDirectory(Folder);

            // An invalid id cannot name the file; the validator then reports it at the id line.
            var path = Identifiers.IsValid(draft.Id) && draft.Id.Length <= ProgrammeParser.MaxIdLength ? PathOf(draft.Id) : Path.Combine(Folder, "console-new.yaml");
            var (text, item, firstLine) = ProgrammeYaml.File(draft);
            return Commit(path, text, item, firstLine, by, $"created programme '{draft.Id}'");
        }
    }

    public ProgrammeSaveResult Update(string id, ProgrammeDraft draft, string by)
    {
        lock (_gate)
        {
            if (Locate(id) is not { } found)
            {
                return ProgrammeSaveResult.Refused(Unlocatable(id));
            }

            if (RepeatChoice.Plan(draft) is (null, { } field, { } problem))
            {
                return ProgrammeSaveResult.OnField(field, ProgrammeSaveResult.TextKey(problem));
            }

            var (path, span) = found;
            var item = ProgrammeYaml.Item(draft, span.DashColumn);
            return Commit(path, span.Replace(item.Text), item, span.Start + 1, by, $"edited programme '{id}'");
        }
    }

    public ProgrammeSaveResult Delete(string id, string by)
    {
        lock (_gate)
        {
            if (Locate(id) is not { } found)
            {
                return ProgrammeSaveResult.Refused(Unlocatable(id));
            }

            var (path, span) = found;
            var rest = span.Remove();
            var onlyThis = OnlyProgramme(path, id);
            return Commit(path, onlyThis ? null : rest, null, 0, by, $"deleted programme '{id}'");
        }
    }

    private ProgrammeSaveResult Commit(string path, string? text, ProgrammeYaml? item, int firstLine, string by, string what)
    {
        IReadOnlyList<ScheduleSource> folder;
        try
        {
            folder = ScheduleSource.ReadFolder(Folder, options.Value.FileLimits);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return ProgrammeSaveResult.Refused(ProgrammeSaveResult.TextKey("sched.err.readFolder", ex.Message));
        }

        var candidate = folder.Where(s => s.Name != path).ToList();
        if (text is not null)
        {
            candidate.Add(new ScheduleSource(path, text));
            candidate.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        }

        var result = ScheduleLoader.Load(candidate, refs.Read(), time.GetUtcNow(), options.Value.OverlapHorizon, values.FirstOrDefault(), options.Value.FileLimits);
        if (!result.IsValid)
        {
            return Map(result.Errors, path, item, firstLine);
        }

        var previous = File.Exists(path) ? File.ReadAllText(path) : null;
        try
        {
            Write(path, text);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            log.LogError("Cannot write {File} for {User}: {Reason}", path, by, ex.Message);
            return ProgrammeSaveResult.Refused(ProgrammeSaveResult.TextKey("sched.edit.cannotWrite", ex.Message));
        }

        var reloaded = store.Reload();
        if (!reloaded.IsValid)
        {
            // The folder changed under us between the check and the reload: put the file back.
            Write(path, previous);
            store.Reload();
            return Map(reloaded.Errors, path, item, firstLine);
        }

        log.LogInformation("{User} {What} in {File} from the web console", by, what, path);
        return ProgrammeSaveResult.Done(path);
    }

    private static ProgrammeSaveResult Map(IReadOnlyList<ScheduleError> errors, string path, ProgrammeYaml? item, int firstLine)
    {
        var fields = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var general = new List<string>();
        foreach (var e in errors)
        {
            var k = e.Location.Line - firstLine;
            if (item is not null && e.Location.File == path && k >= 0 && k < item.Fields.Count)
            {
                var list = fields.TryGetValue(item.Fields[k], out var l) ? l : fields[item.Fields[k]] = [];
                list.Add(ProgrammeSaveResult.Encode(null, e));
            }
            else
            {
                general.Add(ProgrammeSaveResult.Encode($"{Path.GetFileName(e.Location.File)}:{e.Location.Line}:{e.Location.Column}", e));
            }
        }

        return new ProgrammeSaveResult(false, null, fields.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<string>)kv.Value), general);
    }

    /// <summary>Temp file then rename, so the watcher and a crash never see half a file; null deletes.</summary>
    private static void Write(string path, string? text)
    {
        if (text is null)
        {
            File.Delete(path);
            return;
        }

        var temp = Path.Combine(Path.GetDirectoryName(path)!, "." + Path.GetFileName(path) + ".tmp");
        try
        {
            File.WriteAllText(temp, text);
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>
    /// The item of <paramref name="id"/> in its file as the file is now (parsed again: the running
    /// programme may come from the database snapshot while the file has changed since).
    /// </summary>
    private (string Path, ProgrammeFileSpan Span)? Locate(string id)
    {
        if (Find(id) is not { } p || !IsInFolder(p.Source.At.File) || !File.Exists(p.Source.At.File))
        {
            return null;
        }

        var path = p.Source.At.File;
        string text;
        try
        {
            text = Shared.Files.BoundedFile.ReadAllText(path, options.Value.MaxFileBytes);
        }
        catch (Shared.Files.InputFileException)
        {
            return null;
        }

        var parsed = ScheduleFileParser.Parse(new ScheduleSource(path, text), [], options.Value.FileLimits).Programmes.Where(x => x.Id == id).ToList();
        return parsed is [var now] && ProgrammeFileSpan.Locate(text, now.Source.At.Line, now.Source.At.Column) is { } span ? (path, span) : null;
    }

    private bool OnlyProgramme(string path, string id)
    {
        var set = store.Current;
        return set is not null
            && set.Programmes.All(p => p.Source.At.File != path || p.Id == id)
            && set.Calendars.Values.All(c => c.Location.File != path)
            && set.Actions.All(a => a.Source.At.File != path);
    }

    private Programme? Find(string id) => store.Current?.Programmes.FirstOrDefault(p => p.Id == id);

    private bool IsInFolder(string file) =>
        string.Equals(Path.GetDirectoryName(Path.GetFullPath(file)), Path.TrimEndingDirectorySeparator(Folder), StringComparison.Ordinal);

    private string PathOf(string id) => Path.Combine(Folder, id + ".yaml");

    private static string Unlocatable(string id) => ProgrammeSaveResult.TextKey("sched.edit.unlocatable", id);
}
