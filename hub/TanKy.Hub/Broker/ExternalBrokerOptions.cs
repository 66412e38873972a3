namespace TanKy.Hub.Broker;

/// <summary>How the hub reaches an external broker (section <c>Broker:External</c>).</summary>
public sealed class ExternalBrokerOptions
{
    public string Host { get; set; } = "127.0.0.1";

    public int Port { get; set; } = 1883;

    public bool UseTls { get; set; }

    public string UserName { get; set; } = BrokerIdentities.HubUserName;

    /// <summary>Leave empty to read the credentials the Mosquitto exporter wrote (<see cref="CredentialsFile"/>).</summary>
    public string? Password { get; set; }

    /// <summary>JSON credentials file; default <c>{DataDir}/external-broker.json</c>.</summary>
    public string? CredentialsFile { get; set; }

    /// <summary>
    /// Directory where the running hub keeps Mosquitto's <c>passwd</c> (password_file) and
    /// <c>acl</c> (acl_file) in step with the device registry (<see cref="MosquittoSync"/>); on a
    /// gateway <c>/var/lib/tanky-mosquitto</c> (install.sh). Empty: no sync, export by hand.
    /// </summary>
    public string? SyncDirectory { get; set; }

    /// <summary>
    /// How often the hub looks for registry changes (the CLI writes the database from another
    /// process). One cheap query per period; the files are rebuilt only when it changes.
    /// </summary>
    public TimeSpan SyncInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Mosquitto's pid file. When set, the hub sends SIGHUP after rewriting the files (it must
    /// run as root or as Mosquitto's user). On a gateway leave it empty: the systemd path unit
    /// <c>tanky-mosquitto-reload.path</c> reloads Mosquitto when the files change.
    /// </summary>
    public string? PidFile { get; set; }
}
