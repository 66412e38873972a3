using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using TanKy.Hub.Shared;
using TanKy.Hub.Shared.Data;

namespace TanKy.Hub.Broker;

/// <summary>
/// Writes a Mosquitto 2.0 configuration equivalent to the embedded broker (Broker:Mode =
/// External): <c>mosquitto.conf</c>, <c>passwd</c> (device hashes copied as stored — they are
/// already in Mosquitto's <c>$7$</c> format), <c>acl</c>, a persistence directory, and the hub's
/// fresh credentials as <c>external-broker.json</c> in the hub data dir.
/// </summary>
internal static class MosquittoConfigExporter
{
    // Mosquitto's own limits; the reasons are in the generated file and operations.md.
    private const int MaxQueuedMessages = 1000;
    private const int MaxQueuedBytes = 1_048_576;
    private const int MaxInflightMessages = 20;
    private const long MemoryLimit = 209_715_200;
    private const int MaxKeepAlive = 300;

    public static MosquittoExportResult Export(Database db, HubOptions hub, BrokerOptions broker, string outDir)
    {
        var dir = Path.GetFullPath(outDir);
        var persistence = Path.Combine(dir, "data") + Path.DirectorySeparatorChar;
        Directory.CreateDirectory(persistence);
        var notes = new List<string>();
        var (devices, skipped) = MosquittoRegistry.ReadDevices(db);

        var hubUser = broker.External.UserName;
        var hubPassword = SecretHasher.NewSecret();
        var tools = broker.Tools.Enabled && !string.IsNullOrEmpty(broker.Tools.PasswordHash);
        if (broker.Tools.Enabled && !tools)
        {
            notes.Add("Broker:Tools is enabled without a PasswordHash: no tools account exported");
        }

        // 32 random bytes need no key stretching; a low count keeps the hub's reconnects cheap for Mosquitto.
        var passwd = MosquittoRegistry.Passwd(HubPasswdLine(hubUser, hubPassword), tools ? broker.Tools.PasswordHash : null, devices);

        var confFile = Path.Combine(dir, "mosquitto.conf");
        var passwdFile = Path.Combine(dir, "passwd");
        var aclFile = Path.Combine(dir, "acl");
        AtomicFile.WriteAllText(passwdFile, passwd, AtomicFile.OwnerOnly);
        AtomicFile.WriteAllText(aclFile, MosquittoAclWriter.Write(hub.Site, hubUser, tools, MosquittoRegistry.AclDevices(devices)), AtomicFile.OwnerOnly);

        (string Cert, string Key)? tls = broker.Tls.Enabled ? TlsFiles(broker.Tls, dir, notes) : null;
        AtomicFile.WriteAllText(confFile, Config(hub, broker, passwdFile, aclFile, persistence, tls), AtomicFile.OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        // Written last: the password is only worth keeping once the passwd file holding its hash exists.
        var credentialsFile = ExternalBrokerEndpoint.CredentialsFile(broker.External, hub);
        new ExternalBrokerCredentials(hubUser, hubPassword).Write(credentialsFile);

        notes.Add("Mosquitto drops privileges before reading passwd and acl: give the 'mosquitto' user the files and the data directory (chown -R mosquitto: " + dir + "), then restart or send SIGHUP");
        return new MosquittoExportResult(confFile, passwdFile, aclFile, persistence, credentialsFile, devices.Count, skipped, tools, tls is not null, notes);
    }

    public static string HubPasswdLine(string hubUser, string hubPassword) =>
        hubUser + ":" + SecretHasher.Hash(hubPassword, SecretHasher.DeviceSecretIterations);

    /// <summary>
    /// The gateway's <c>/etc/mosquitto/conf.d/tanky.conf</c>: listener, limits, and the password
    /// and ACL files the running hub keeps in step (Broker:External:SyncDirectory). Debian's own
    /// mosquitto.conf sets persistence, pid file and log; this file is root's, not the hub's (a
    /// hub that could write Mosquitto's config could make it load a plugin as root).
    /// </summary>
    public static string IncludeConfig(HubOptions hub, BrokerOptions broker)
    {
        var dir = broker.External.SyncDirectory is { Length: > 0 } d
            ? Path.GetFullPath(d)
            : throw new InvalidOperationException("Broker:External:SyncDirectory is not set");
        (string Cert, string Key)? tls = null;
        if (broker.Tls.Enabled)
        {
            var pem = Path.GetFullPath(broker.Tls.CertificateFile ?? throw new InvalidOperationException("Broker:Tls:CertificateFile is not set"));
            if (BrokerCertificateLoader.IsPkcs12(pem))
            {
                throw new InvalidOperationException($"{pem}: Mosquitto needs a PEM file (certificate and key); convert it with openssl");
            }

            tls = (pem, pem);
        }

        return Config(hub, broker, Path.Combine(dir, MosquittoSync.PasswdFileName), Path.Combine(dir, MosquittoSync.AclFileName), persistence: null, tls,
            "'tanky-hub broker mosquitto-conf' (run it again after changing Broker settings, then restart mosquitto)",
            "Users and ACL: kept in step with the device registry by the running hub, in " + dir + ".");
    }

    private static string Config(HubOptions hub, BrokerOptions broker, string passwd, string acl, string? persistence, (string Cert, string Key)? tls,
        string generator = "'tanky-hub broker export-mosquitto-config'",
        string usersNote = "Re-run the export after adding, removing or re-keying devices (it also renews the hub's password).")
    {
        var c = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        c.Append("# TanKy.Iot Mosquitto configuration for site ").Append(hub.Site).Append(", generated by ").Append(generator).AppendLine(".")
            .Append("# ").AppendLine(usersNote)
            .AppendLine("per_listener_settings false")
            .AppendLine("allow_anonymous false")
            .Append("password_file ").AppendLine(passwd)
            .Append("acl_file ").AppendLine(acl);
        if (persistence is not null)
        {
            c.AppendLine("persistence true")
                .Append("persistence_location ").AppendLine(persistence);
        }

        c.AppendLine()
            .AppendLine("# Limits for a network anyone near a public Wi-Fi point can reach (operations.md, \"Mosquitto's limits\").")
            .AppendLine("# Packets above this are refused from their fixed header, before the payload is read.")
            .Append(inv, $"max_packet_size {broker.MaxPacketSize}").AppendLine()
            .AppendLine("# Per client: messages waiting while it is offline or slow. 1000 covers a day of desired/cmd")
            .AppendLine("# traffic for one device; the byte cap bounds a slow client's memory whatever the message size.")
            .Append(inv, $"max_queued_messages {MaxQueuedMessages}").AppendLine()
            .Append(inv, $"max_queued_bytes {MaxQueuedBytes}").AppendLine()
            .AppendLine("# QoS 1/2 messages in flight per client (MQTT v5 receive maximum; Mosquitto's default).")
            .Append(inv, $"max_inflight_messages {MaxInflightMessages}").AppendLine()
            .AppendLine("# The whole broker's heap: past it Mosquitto refuses messages and connections instead of")
            .AppendLine("# growing until the kernel kills something on a 1 GB gateway.")
            .Append(inv, $"memory_limit {MemoryLimit}").AppendLine()
            .AppendLine("# Devices ask for 30 s; a client asking for hours would hold a dead socket that long.")
            .Append(inv, $"max_keepalive {MaxKeepAlive}").AppendLine()
            .AppendLine("# Sessions of clients gone this long are dropped (a removed device's queue does not stay forever).")
            .AppendLine("persistent_client_expiration 14d")
            .AppendLine("# Small packets (time sync, play orders) leave at once instead of waiting for Nagle's timer.")
            .AppendLine("set_tcp_nodelay true")
            .AppendLine()
            .AppendLine("# Listener options come after their 'listener' line: before it, Mosquitto 2.0 applies them to")
            .AppendLine("# an implicit default listener on port 1883.")
            .AppendLine("# max_connections counts every socket, logged in or not: the devices, the hub and the tools account.")
            .AppendLine("# use_username_as_clientid: a device cannot take over another client's session, and %u in the ACL is the device id.");

        // The hub's and the tools account's connections come on top of the configured device limit.
        var maxConnections = broker.MaxConnections + 2;
        c.Append(inv, $"listener {broker.Port} {broker.BindAddress}").AppendLine()
            .Append(inv, $"max_connections {maxConnections}").AppendLine()
            .AppendLine("use_username_as_clientid true");
        if (tls is { } files)
        {
            c.AppendLine()
                .Append(inv, $"listener {broker.Tls.Port} {broker.Tls.BindAddress ?? broker.BindAddress}").AppendLine()
                .Append(inv, $"max_connections {maxConnections}").AppendLine()
                .AppendLine("use_username_as_clientid true")
                .Append("certfile ").AppendLine(files.Cert)
                .Append("keyfile ").AppendLine(files.Key);
        }

        return c.ToString();
    }

    /// <summary>A combined PEM file serves Mosquitto as is; a PKCS#12 file is converted to PEM next to the config.</summary>
    private static (string Cert, string Key) TlsFiles(BrokerTlsOptions tls, string dir, List<string> notes)
    {
        var path = Path.GetFullPath(tls.CertificateFile ?? throw new InvalidOperationException("Broker:Tls:CertificateFile is not set"));
        if (!BrokerCertificateLoader.IsPkcs12(path))
        {
            if (!string.IsNullOrEmpty(tls.CertificatePassword))
            {
                notes.Add("The PEM key is encrypted: add 'keyfile' password handling to Mosquitto or use an unencrypted key file");
            }

            return (path, path);
        }

        var all = X509CertificateLoader.LoadPkcs12CollectionFromFile(path, tls.CertificatePassword, X509KeyStorageFlags.Exportable);
        try
        {
            var leaf = all.FirstOrDefault(c => c.HasPrivateKey) ?? throw new InvalidOperationException($"{path} holds no private key");
            var chain = new StringBuilder(leaf.ExportCertificatePem()).AppendLine();
            foreach (var other in all.Where(c => !ReferenceEquals(c, leaf)))
            {
                chain.AppendLine(other.ExportCertificatePem());
            }

            var key = (leaf.GetRSAPrivateKey() as System.Security.Cryptography.AsymmetricAlgorithm
                ?? leaf.GetECDsaPrivateKey()
                ?? throw new InvalidOperationException($"{path}: only RSA and ECDSA keys can be exported for Mosquitto")).ExportPkcs8PrivateKeyPem();
            var certFile = Path.Combine(dir, "tls-cert.pem");
            var keyFile = Path.Combine(dir, "tls-key.pem");
            AtomicFile.WriteAllText(certFile, chain.ToString(), AtomicFile.OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            AtomicFile.WriteAllText(keyFile, key + "\n", AtomicFile.OwnerOnly);
            return (certFile, keyFile);
        }
        finally
        {
            foreach (var c in all)
            {
                c.Dispose();
            }
        }
    }
}
