namespace TanKy.Hub.Media;

/// <summary>
/// What a clip is for. The library's main list and the clip pickers (broadcast form, programme
/// editor) show <see cref="Clip"/>s only; text-to-speech announcements pile up quickly and are kept
/// apart as <see cref="Speech"/> (the console's "Đã đọc" list), offered only when asked for.
/// </summary>
public enum MediaKind
{
    /// <summary>A recording uploaded (console, API, CLI) or a demo stand-in.</summary>
    Clip,

    /// <summary>Typed text read out by the speech synthesiser (console, emergency, CAP).</summary>
    Speech,
}
