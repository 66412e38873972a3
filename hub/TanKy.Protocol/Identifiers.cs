namespace TanKy.Protocol;

/// <summary>
/// Rules for the identifiers that appear as topic levels: site slugs, device ids, zone ids and
/// stream ids. One rule for all of them keeps topics free of MQTT wildcards and separators.
/// </summary>
public static class Identifiers
{
    /// <summary>1–48 characters of a–z, 0–9 and '-', starting with a letter or digit.</summary>
    public static bool IsValid(ReadOnlySpan<char> id)
    {
        if (id.IsEmpty || id.Length > ProtocolConstants.MaxIdLength || id[0] == '-')
        {
            return false;
        }

        foreach (var c in id)
        {
            var ok = c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-';
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    public static string Require(string id, string what)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (!IsValid(id))
        {
            throw new ArgumentException(
                $"invalid {what} '{id}': use 1–{ProtocolConstants.MaxIdLength} characters a–z, 0–9 or '-', not starting with '-'",
                what);
        }

        return id;
    }
}
