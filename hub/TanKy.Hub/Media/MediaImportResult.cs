using System.Diagnostics.CodeAnalysis;

namespace TanKy.Hub.Media;

/// <summary>
/// What <see cref="MediaLibrary.ImportAsync"/> returns: a stored item, or a rejection (nothing
/// stored). <see cref="Duplicate"/> is true when identical bytes were already in the library:
/// the existing item is returned, so a retried upload over a flaky 4G link is harmless.
/// </summary>
public sealed record MediaImportResult(MediaItem? Item, MediaRejection? Rejection, bool Duplicate = false)
{
    [MemberNotNullWhen(true, nameof(Item))]
    [MemberNotNullWhen(false, nameof(Rejection))]
    public bool Succeeded => Item is not null;

    internal static MediaImportResult Stored(MediaItem item) => new(item, null);

    internal static MediaImportResult Existing(MediaItem item) => new(item, null, Duplicate: true);

    internal static MediaImportResult Refused(MediaRejection rejection) => new(null, rejection);
}
