namespace TanKy.Hub.Schedules;

/// <summary>Settings of the commune's programme (section <c>Schedules</c>).</summary>
public sealed class ScheduleOptions
{
    public const string Section = "Schedules";

    /// <summary>Folder of <c>*.yaml</c> schedule files; relative paths are relative to the working directory.</summary>
    public string Directory { get; set; } = "./schedules";

    /// <summary>How long file events must be quiet before the folder is reloaded (editors write in bursts).</summary>
    public TimeSpan Debounce { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How far ahead occurrences are stored as Quartz triggers (a rolling window).</summary>
    public TimeSpan ScheduleAhead { get; set; } = TimeSpan.FromDays(2);

    /// <summary>How often the rolling window is extended and the pre-cache orders refreshed.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Horizon over which same-class overlaps are searched when validating.</summary>
    public TimeSpan OverlapHorizon { get; set; } = TimeSpan.FromDays(56);

    /// <summary>
    /// How long before airtime an airing's trigger fires. The player then waits until one stream
    /// lead (<c>Broadcasts:LeadMs</c>) before airtime, so this must exceed that lead plus the
    /// scheduler's own latency; a trigger that fires after airtime plays late (misfire policy).
    /// </summary>
    public TimeSpan ArmAhead { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long before airtime nodes are told to cache the content.</summary>
    public TimeSpan PrecacheLead { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Base URL devices use to download cached media (default: the first <c>Http:Urls</c> entry).</summary>
    public string? PrecacheBaseUrl { get; set; }

    /// <summary>Largest programme file read (bytes); a larger one is refused unread (issue #14).</summary>
    public long MaxFileBytes { get; set; } = Shared.Files.InputFileLimits.DefaultMaxBytes;

    /// <summary>Deepest YAML nesting accepted, checked on the parser's events before any tree is built.</summary>
    public int MaxNestingDepth { get; set; } = Shared.Files.InputFileLimits.DefaultMaxDepth;

    /// <summary>The caps above, for <see cref="Parsing.ScheduleLoader"/> and <see cref="Parsing.ScheduleSource.ReadFolder"/>.</summary>
    public Shared.Files.InputFileLimits FileLimits => new(MaxFileBytes, MaxNestingDepth);

    public string FullDirectory => Path.GetFullPath(Directory, System.IO.Directory.GetCurrentDirectory());

    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Directory))
        {
            problems.Add("Schedules:Directory must not be empty");
        }

        if (ScheduleAhead < TimeSpan.FromHours(1) || ScheduleAhead > TimeSpan.FromDays(31))
        {
            problems.Add("Schedules:ScheduleAhead must be 1 hour to 31 days");
        }

        if (RefreshInterval < TimeSpan.FromSeconds(5) || RefreshInterval > ScheduleAhead / 2)
        {
            problems.Add("Schedules:RefreshInterval must be at least 5 s and at most half of ScheduleAhead");
        }

        if (PrecacheLead < TimeSpan.Zero || PrecacheLead > TimeSpan.FromHours(24))
        {
            problems.Add("Schedules:PrecacheLead must be 0 to 24 hours");
        }

        if (ArmAhead < TimeSpan.Zero || ArmAhead > TimeSpan.FromSeconds(30))
        {
            problems.Add("Schedules:ArmAhead must be 0 to 30 s");
        }

        if (OverlapHorizon < TimeSpan.FromDays(1) || OverlapHorizon > TimeSpan.FromDays(400))
        {
            problems.Add("Schedules:OverlapHorizon must be 1 to 400 days");
        }

        if (MaxFileBytes < 1024 || MaxNestingDepth < 8)
        {
            problems.Add("Schedules:MaxFileBytes must be at least 1024 and Schedules:MaxNestingDepth at least 8");
        }

        return problems;
    }
}
