using System.Text.Json;

namespace TanKy.Hub.Broker;

/// <summary>
/// The hub's credentials for an external broker, as the Mosquitto exporter writes them to
/// <c>{DataDir}/external-broker.json</c> (mode 0600), so nobody copies a password by hand.
/// </summary>
internal sealed record ExternalBrokerCredentials(string UserName, string Password)
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

    /// <summary>Writes the file readable by its owner only (0600).</summary>
    public void Write(string path) => AtomicFile.WriteAllText(path, JsonSerializer.Serialize(this, Json), AtomicFile.OwnerOnly);

    public override string ToString() => $"{UserName} (password hidden)";
}
