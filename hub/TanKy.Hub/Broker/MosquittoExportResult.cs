namespace TanKy.Hub.Broker;

/// <summary>What <see cref="MosquittoConfigExporter.Export"/> wrote. Holds no secret.</summary>
internal sealed record MosquittoExportResult(
    string ConfigFile,
    string PasswordFile,
    string AclFile,
    string PersistenceDir,
    string CredentialsFile,
    int Devices,
    IReadOnlyList<string> SkippedDevices,
    bool ToolsAccount,
    bool Tls,
    IReadOnlyList<string> Notes);
