using System.Text.Json;

namespace TanKy.Hub.Hosting;

/// <summary>
/// <c>DATA_DIR/listen.json</c>: where a running hub listens, as bound. Whoever starts a hub on port
/// 0 (<c>--Broker:Port=0</c>, <c>--Http:Urls=http://127.0.0.1:0</c>: tests, benchmarks) reads its
/// ports here. <see cref="ListenFileWriter"/> writes it whole (temporary file, then rename): first
/// once the MQTT broker listens (<see cref="Http"/> still null), again once the hub has started. A
/// killed hub leaves its file behind, so <see cref="Pid"/> tells a reader whose file it is.
/// </summary>
/// <param name="Pid">The hub process.</param>
/// <param name="Mqtt">The embedded broker's plain listener; null in External mode.</param>
/// <param name="MqttTls">The embedded broker's TLS listener, when enabled.</param>
/// <param name="Http">The HTTP addresses Kestrel bound; null until the hub has started.</param>
internal sealed record ListenFile(int Pid, ListenEndpoint? Mqtt, ListenEndpoint? MqttTls, IReadOnlyList<string>? Http)
{
    public const string FileName = "listen.json";

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };

    public static string PathIn(string dataDir) => Path.Combine(Path.GetFullPath(dataDir), FileName);

    /// <summary>The file in <paramref name="dataDir"/>, or null while there is none.</summary>
    public static ListenFile? TryRead(string dataDir)
    {
        try
        {
            return JsonSerializer.Deserialize<ListenFile>(File.ReadAllText(PathIn(dataDir)), Json);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    internal string ToJson() => JsonSerializer.Serialize(this, Json);
}

/// <summary>One bound listener: its address and port.</summary>
internal sealed record ListenEndpoint(string Address, int Port);
