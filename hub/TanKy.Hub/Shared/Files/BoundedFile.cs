using TanKy.Hub.Shared.Text;
using System.Text;

namespace TanKy.Hub.Shared.Files;

/// <summary>Reads a text file only when it is within a size cap, so an oversized file never reaches memory.</summary>
public static class BoundedFile
{
    /// <summary>The file's text; <see cref="InputFileException"/> (at 1:1) when it is over <paramref name="maxBytes"/>.</summary>
    public static string ReadAllText(string path, long maxBytes)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        // The length is checked on the open handle: a file grown since a directory listing still counts.
        if (stream.Length > maxBytes)
        {
            throw TooLarge(stream.Length, maxBytes);
        }

        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var buffer = new char[Math.Min(maxBytes + 1, 81920)];
        var text = new StringBuilder();
        int n;
        while ((n = reader.Read(buffer, 0, buffer.Length)) > 0)
        {
            text.Append(buffer, 0, n);
            // A file still being written may have grown past the cap after the check above.
            if (text.Length > maxBytes)
            {
                throw TooLarge(text.Length, maxBytes);
            }
        }

        return text.ToString();
    }

    public static InputFileException TooLarge(long bytes, long maxBytes) => new(new TextMessage("api2.file.too-large", bytes, maxBytes), 1, 1);
}
