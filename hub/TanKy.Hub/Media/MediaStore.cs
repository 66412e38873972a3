namespace TanKy.Hub.Media;

/// <summary>
/// The library's files: <c>{DataDir}/media/{id}/original.{wav|mp3}</c> and
/// <c>stream.opuspk</c>. An import writes into <c>media/.staging/{random}/</c>, flushes to disk,
/// renames the directory to <c>media/{id}</c> (atomic on one file system), and only then inserts
/// the row. The row is the commit point: a directory without a row is debris from a crash or
/// a lost race and is removed by <see cref="CleanUp"/> at start-up, once older than
/// <see cref="OrphanGrace"/> so that a CLI import running beside the hub is never swept away.
/// </summary>
internal sealed class MediaStore
{
    public const string StreamFileName = "stream.opuspk";
    private const string StagingName = ".staging";
    private const string JobsName = ".jobs";

    public MediaStore(string dataDir)
    {
        Root = Path.Combine(dataDir, "media");
        Staging = Path.Combine(Root, StagingName);
        Directory.CreateDirectory(Staging);
        Jobs = Path.Combine(Root, JobsName);
    }

    public static TimeSpan OrphanGrace { get; } = TimeSpan.FromMinutes(10);

    public string Root { get; }

    public string Staging { get; }

    /// <summary>Uploads spooled for background import jobs, kept until the job ends (see <see cref="MediaImportJobs"/>); made by the first job.</summary>
    public string Jobs { get; }

    public static string OriginalFileName(string format) => "original." + format;

    public string ItemDirectory(string id) => Path.Combine(Root, id);

    public string StreamPath(string id) => Path.Combine(ItemDirectory(id), StreamFileName);

    public string NewStagingDirectory() => Directory.CreateDirectory(Path.Combine(Staging, Guid.NewGuid().ToString("N"))).FullName;

    /// <summary>Moves a complete staging directory into place under its id.</summary>
    public void Commit(string stagingDirectory, string id) => Directory.Move(stagingDirectory, ItemDirectory(id));

    public void DeleteQuietly(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException)
        {
            // Left for the next start-up clean-up.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>Removes staging leftovers and item directories that have no row. Returns how many.</summary>
    public int CleanUp(IReadOnlySet<string> knownIds, DateTimeOffset now)
    {
        var removed = 0;
        var candidates = Directory.EnumerateDirectories(Staging)
            .Concat(Directory.EnumerateDirectories(Root).Where(d => Path.GetFileName(d) is not (StagingName or JobsName) && !knownIds.Contains(Path.GetFileName(d))));
        foreach (var directory in candidates.ToList())
        {
            if (now - Directory.GetLastWriteTimeUtc(directory) < OrphanGrace)
            {
                continue;
            }

            DeleteQuietly(directory);
            removed += Directory.Exists(directory) ? 0 : 1;
        }

        return removed;
    }
}
