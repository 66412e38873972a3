namespace TanKy.Hub.Media;

/// <summary>
/// Which import slot a clip waits for. Emergency content (a recording, text-to-speech, CAP
/// speech) has its own slot, so it never queues behind a long normal upload (issue #14: a
/// 30-minute WAV once delayed an officer's emergency from 0.03 s to 83.5 s).
/// </summary>
public enum ImportLane
{
    /// <summary>Uploads, CLI imports, speech made for the library: <see cref="MediaOptions.MaxConcurrentImports"/>.</summary>
    Normal,

    /// <summary>Content of an emergency being started: <see cref="MediaOptions.MaxConcurrentEmergencyImports"/>.</summary>
    Emergency,
}
