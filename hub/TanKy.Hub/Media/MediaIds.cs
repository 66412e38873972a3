using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace TanKy.Hub.Media;

/// <summary>
/// Clip ids: <c>m-</c> + 10 random base32 characters (50 bits), lower case, so they are safe in
/// MQTT topics, URLs and file names, and unguessable enough that one id reveals no other.
/// </summary>
public static partial class MediaIds
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";

    public static string New()
    {
        Span<byte> random = stackalloc byte[10];
        RandomNumberGenerator.Fill(random);
        Span<char> id = stackalloc char[12];
        id[0] = 'm';
        id[1] = '-';
        for (var i = 0; i < random.Length; i++)
        {
            id[i + 2] = Alphabet[random[i] & 31];
        }

        return new string(id);
    }

    /// <summary>Checked before an id touches the file system: no path tricks through <c>Get("../..")</c>.</summary>
    public static bool IsValid(string? id) => id is not null && Pattern().IsMatch(id);

    [GeneratedRegex("^m-[a-z2-7]{10}$")]
    private static partial Regex Pattern();
}
