namespace TanKy.Hub.Emergency.Cap;

/// <summary>What kind of administrative unit a place name is, from its type word.</summary>
internal enum CapPlaceLevel
{
    /// <summary>No type word: "Vĩnh Phúc", "Tân Kỳ".</summary>
    None,

    /// <summary>thôn, xóm, khối, bản, làng, ấp, tổ dân phố…</summary>
    Hamlet,

    /// <summary>xã, phường, thị trấn.</summary>
    Commune,

    /// <summary>A unit that may contain a commune: huyện, quận, thị xã, thành phố, tỉnh.</summary>
    Enclosing,
}

/// <summary>
/// A place name as alerts and commune files write it, folded (<see cref="VietnameseFold"/>) and
/// taken apart: "Xóm số 5 – Vĩnh Phúc" is a hamlet of type "xom", number "5", name "vinh phuc".
/// The type word may lead ("Thôn Vĩnh Phúc", "X. Tân Kỳ") or, in English, follow ("Nghe An province").
/// </summary>
internal sealed record CapPlaceName(CapPlaceLevel Level, string? Type, string Number, string Name)
{
    /// <summary>Longest first, so "thi tran" is not read as "thi" + "tran".</summary>
    private static readonly (string Words, CapPlaceLevel Level)[] Leading =
    [
        ("to dan pho", CapPlaceLevel.Hamlet), ("thi tran", CapPlaceLevel.Commune), ("thi xa", CapPlaceLevel.Enclosing),
        ("thanh pho", CapPlaceLevel.Enclosing), ("tdp", CapPlaceLevel.Hamlet), ("thon", CapPlaceLevel.Hamlet),
        ("xom", CapPlaceLevel.Hamlet), ("khoi", CapPlaceLevel.Hamlet), ("ban", CapPlaceLevel.Hamlet), ("lang", CapPlaceLevel.Hamlet),
        ("ap", CapPlaceLevel.Hamlet), ("buon", CapPlaceLevel.Hamlet), ("xa", CapPlaceLevel.Commune), ("phuong", CapPlaceLevel.Commune),
        ("tt", CapPlaceLevel.Commune), ("x", CapPlaceLevel.Commune), ("p", CapPlaceLevel.Commune), ("huyen", CapPlaceLevel.Enclosing),
        ("quan", CapPlaceLevel.Enclosing), ("tinh", CapPlaceLevel.Enclosing), ("tp", CapPlaceLevel.Enclosing), ("tx", CapPlaceLevel.Enclosing),
        ("h", CapPlaceLevel.Enclosing), ("t", CapPlaceLevel.Enclosing),
    ];

    private static readonly (string Words, CapPlaceLevel Level)[] Trailing =
    [
        ("hamlet", CapPlaceLevel.Hamlet), ("village", CapPlaceLevel.Hamlet), ("commune", CapPlaceLevel.Commune), ("ward", CapPlaceLevel.Commune),
        ("district", CapPlaceLevel.Enclosing), ("province", CapPlaceLevel.Enclosing),
    ];

    /// <summary>Hamlet type words recognised after the name too; the short ones (bản, làng) are too common inside names.</summary>
    private static readonly string[] Inner = ["thon", "xom", "khoi"];

    /// <summary>Hamlet type words that mean the same kind of hamlet: rural (thôn = xóm = bản = làng) and urban (khối = tổ dân phố).</summary>
    private static readonly string[] Urban = ["khoi", "to dan pho", "tdp"];

    /// <summary>Number and name together ("5 vinh phuc"): what a commune or province is compared by.</summary>
    public string Core => string.Join(' ', new[] { Number, Name }.Where(s => s.Length > 0));

    public bool IsEmpty => Number.Length == 0 && Name.Length == 0;

    public static CapPlaceName Parse(string text)
    {
        var tokens = VietnameseFold.Fold(text).Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        var (level, type) = (CapPlaceLevel.None, (string?)null);
        if (Strip(tokens, Leading, atEnd: false) is { } lead)
        {
            (level, type) = (lead.Level, lead.Words);
        }
        else if (Strip(tokens, Trailing, atEnd: true) is { } trail)
        {
            (level, type) = (trail.Level, trail.Words);
        }
        else if (tokens.Count > 1 && tokens.FindIndex(1, t => Inner.Contains(t, StringComparer.Ordinal)) is var at and > 0)
        {
            // "Vĩnh Phúc (xóm 5)": the type word after the name.
            (level, type) = (CapPlaceLevel.Hamlet, tokens[at]);
            tokens.RemoveAt(at);
        }

        // "Xóm số 5": "số" (number) before a number is not part of the name.
        for (var i = tokens.Count - 2; i >= 0; i--)
        {
            if (tokens[i] == "so" && IsNumber(tokens[i + 1]))
            {
                tokens.RemoveAt(i);
            }
        }

        var number = string.Join(' ', tokens.Where(IsNumber).Select(t => t.TrimStart('0') is { Length: > 0 } n ? n : "0"));
        var name = string.Join(' ', tokens.Where(t => !IsNumber(t)));
        return new CapPlaceName(level, type, number, name);
    }

    /// <summary>
    /// Whether this name (from an alert) names the hamlet <paramref name="hamlet"/> (from the commune):
    /// by name whatever the type word ("Thôn Vĩnh Phúc" is "Xóm 5 – Vĩnh Phúc"), numbers agreeing when
    /// both have one; by number alone only within the same kind ("Thôn 5" is "Xóm 5", never "Khối 5").
    /// </summary>
    public bool Names(CapPlaceName hamlet)
    {
        if (Name.Length > 0)
        {
            return Name == hamlet.Name && (Number.Length == 0 || hamlet.Number.Length == 0 || Number == hamlet.Number);
        }

        return Number.Length > 0 && Number == hamlet.Number && Type is not null && hamlet.Type is not null && IsUrban(Type) == IsUrban(hamlet.Type);
    }

    private static bool IsUrban(string type) => Urban.Contains(type, StringComparer.Ordinal);

    private static bool IsNumber(string token) => token.Length is > 0 and <= 4 && token.All(char.IsAsciiDigit);

    /// <summary>Removes a type word at the start (or end) when a name is left after it.</summary>
    private static (string Words, CapPlaceLevel Level)? Strip(List<string> tokens, (string Words, CapPlaceLevel Level)[] kinds, bool atEnd)
    {
        foreach (var kind in kinds)
        {
            var words = kind.Words.Split(' ');
            if (tokens.Count <= words.Length)
            {
                continue;
            }

            var at = atEnd ? tokens.Count - words.Length : 0;
            if (tokens.Skip(at).Take(words.Length).SequenceEqual(words))
            {
                tokens.RemoveRange(at, words.Length);
                return kind;
            }
        }

        return null;
    }
}
