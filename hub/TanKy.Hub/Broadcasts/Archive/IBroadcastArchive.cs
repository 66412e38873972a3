namespace TanKy.Hub.Broadcasts.Archive;

/// <summary>Records every broadcast as an Ogg Opus file and indexes who, what, when and where.</summary>
internal interface IBroadcastArchive
{
    /// <summary>
    /// Starts a recording: inserts the index row (status <c>recording</c>), creates
    /// <c>archive/YYYY/MM/DD/{broadcastId}.opus</c> and writes its header pages.
    /// </summary>
    /// <exception cref="ArgumentException">Invalid entry (id, class, zones, empty title or operator).</exception>
    /// <exception cref="InvalidOperationException">That broadcast is already archived for that day.</exception>
    Task<IArchiveRecording> BeginAsync(ArchiveEntry entry, CancellationToken ct = default);

    /// <summary>Index rows matching the query, newest first.</summary>
    IReadOnlyList<ArchiveRecord> List(ArchiveQuery query);

    /// <summary>The latest recording of a broadcast, or null.</summary>
    ArchiveRecord? Find(string broadcastId);

    /// <summary>Absolute path of a recording's file.</summary>
    string GetFullPath(ArchiveRecord record);
}
