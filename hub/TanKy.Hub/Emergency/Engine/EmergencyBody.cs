namespace TanKy.Hub.Emergency.Engine;

/// <summary>
/// JSON body of <c>POST /api/v1/emergency</c>: <c>zones</c>, and <c>media</c> (a stored clip) or
/// <c>text</c> (spoken by speech synthesis); optional <c>siren</c> (clip played first),
/// <c>headline</c> (LED text), <c>repeat</c> (1–20), <c>interval</c> (seconds between repeats),
/// <c>class</c> (emergency by default, or priority). Multipart forms carry the same fields
/// (zones comma-separated) plus <c>file</c>: a fresh recording.
/// </summary>
internal sealed record EmergencyBody(
    IReadOnlyList<string>? Zones,
    string? Media,
    string? Text,
    string? Siren,
    string? Headline,
    int? Repeat,
    double? Interval,
    string? Class);
