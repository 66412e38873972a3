using System.Text.Json;

namespace TanKy.Hub.Broker;

/// <summary>
/// The hub's credentials for an external broker, as the Mosquitto exporter writes them to
/// <c>{DataDir}/external-broker.json</c> (mode 0600), so nobody copies a password by hand.
/// </summary>
public sealed record ExternalBrokerCredentials(string UserName, string Password)
{
    public const string DefaultFileName = "external-broker.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static ExternalBrokerCredentials Read(string path)
    {
        var credentials = JsonSerializer.Deserialize<ExternalBrokerCredentials>(File.ReadAllBytes(path), Json);
        if (credentials is null || string.IsNullOrEmpty(credentials.UserName) || string.IsNullOrEmpty(credentials.Password))
        {
            throw new InvalidDataException($"{path}: expected {{\"userName\": …, \"password\": …}}");
        }

        return credentials;
    }

    /// <summary>Writes the file readable by its owner only; the mode is set at creation, so the password is never world-readable.</summary>
    public void Write(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temp = path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temp, options))
        {
            JsonSerializer.Serialize(stream, this, Json);
            stream.Flush(flushToDisk: true);
        }

        if (!OperatingSystem.IsWindows())
        {
            // UnixCreateMode does not apply when the temp file already existed.
            File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(temp, path, overwrite: true);
    }

    public override string ToString() => $"{UserName} (password hidden)";
}
