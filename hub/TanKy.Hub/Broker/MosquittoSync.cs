using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using TanKy.Hub.Shared;
using TanKy.Hub.Shared.Data;

namespace TanKy.Hub.Broker;

/// <summary>
/// Keeps Mosquitto's <c>passwd</c> and <c>acl</c> (in Broker:External:SyncDirectory) equal to
/// what the device registry says, so <c>devices add</c>, <c>remove</c> and <c>rotate-secret</c>
/// take effect without an export. Files are replaced atomically (ACL first, so a new device's
/// rules exist before its password), and only when their text changes; then Mosquitto is asked
/// to reload. On SIGHUP Mosquitto 2.0.11 re-reads both files and disconnects every client whose
/// stored password no longer matches (measured: tests MosquittoSync_Tests), which is what drops a
/// session using a rotated secret.
/// </summary>
internal sealed class MosquittoSync(Database db, HubOptions hub, BrokerOptions broker, ILogger logger)
{
    public const string PasswdFileName = "passwd";
    public const string AclFileName = "acl";

    private const int SigHup = 1;

    private string? _fingerprint;

    public string Directory => Path.GetFullPath(broker.External.SyncDirectory is { Length: > 0 } d ? d : throw new InvalidOperationException("Broker:External:SyncDirectory is not set"));

    public string PasswdFile => Path.Combine(Directory, PasswdFileName);

    public string AclFile => Path.Combine(Directory, AclFileName);

    /// <summary>Syncs when the registry changed since the last sync (or there was none); false when nothing was to do.</summary>
    public bool SyncIfChanged() => MosquittoRegistry.Fingerprint(db) != _fingerprint && Sync().Changed;

    /// <summary>Rebuilds both files from the registry, writes those whose text differs, and reloads Mosquitto when one did.</summary>
    public MosquittoSyncResult Sync()
    {
        // Read before the devices: a change in between is seen (again) at the next check, never missed.
        var fingerprint = MosquittoRegistry.Fingerprint(db);
        var (devices, skipped) = MosquittoRegistry.ReadDevices(db);
        var hubUser = broker.External.UserName;
        var (password, fresh) = HubPassword();
        var tools = broker.Tools.Enabled && !string.IsNullOrEmpty(broker.Tools.PasswordHash) ? broker.Tools.PasswordHash : null;

        var acl = MosquittoAclWriter.Write(hub.Site, hubUser, tools is not null, MosquittoRegistry.AclDevices(devices));
        var passwd = MosquittoRegistry.Passwd(HubLine(hubUser, password), tools, devices);
        System.IO.Directory.CreateDirectory(Directory);
        var aclChanged = WriteIfChanged(AclFile, acl);
        var passwdChanged = WriteIfChanged(PasswdFile, passwd);
        if (fresh)
        {
            // Written after passwd: the password is only worth keeping once the file holding its hash exists.
            new ExternalBrokerCredentials(hubUser, password).Write(ExternalBrokerEndpoint.CredentialsFile(broker.External, hub));
        }

        var reloaded = false;
        if (aclChanged || passwdChanged)
        {
            reloaded = Reload();
            logger.LogInformation("Mosquitto users and ACL updated from the registry: {Devices} devices (passwd {Passwd}, acl {Acl}){Skipped}",
                devices.Count, passwdChanged ? "rewritten" : "unchanged", aclChanged ? "rewritten" : "unchanged",
                skipped.Count == 0 ? "" : "; not exported (invalid id or hash): " + string.Join(", ", skipped));
        }

        _fingerprint = fingerprint;
        return new MosquittoSyncResult(devices.Count, skipped, aclChanged || passwdChanged, reloaded);
    }

    /// <summary>
    /// Broker:External:Password, else the credentials file, else a new password (written to that
    /// file by <see cref="Sync"/>): a gateway never needs a hand-made hub password.
    /// </summary>
    private (string Password, bool Fresh) HubPassword()
    {
        if (broker.External.Password is { Length: > 0 } configured)
        {
            return (configured, false);
        }

        var file = ExternalBrokerEndpoint.CredentialsFile(broker.External, hub);
        if (File.Exists(file))
        {
            var credentials = ExternalBrokerCredentials.Read(file);
            if (credentials.UserName == broker.External.UserName)
            {
                return (credentials.Password, false);
            }
        }

        return (SecretHasher.NewSecret(), true);
    }

    /// <summary>The hub's passwd line; the one on disk is kept while it matches the password, so an unchanged registry writes nothing.</summary>
    private string HubLine(string hubUser, string password)
    {
        if (File.Exists(PasswdFile))
        {
            var prefix = hubUser + ":";
            var line = File.ReadLines(PasswdFile).FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));
            if (line is not null && SecretHasher.Verify(password, line[prefix.Length..]))
            {
                return line;
            }
        }

        return MosquittoConfigExporter.HubPasswdLine(hubUser, password);
    }

    private static bool WriteIfChanged(string path, string content)
    {
        if (File.Exists(path) && File.ReadAllText(path) == content)
        {
            return false;
        }

        // Group-readable: Mosquitto reads the files as its own user, through the directory's
        // group (install.sh: tanky:mosquitto, mode 2750, so new files get the group).
        AtomicFile.WriteAllText(path, content, AtomicFile.OwnerOnly | UnixFileMode.GroupRead);
        return true;
    }

    /// <summary>SIGHUP to the pid in Broker:External:PidFile; without one, the systemd path unit reloads Mosquitto.</summary>
    private bool Reload()
    {
        if (broker.External.PidFile is not { Length: > 0 } pidFile)
        {
            return false;
        }

        try
        {
            var pid = int.Parse(File.ReadAllText(pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);
            if (pid <= 1 || Kill(pid, SigHup) != 0)
            {
                logger.LogWarning("Could not reload Mosquitto (SIGHUP to pid {Pid} from {PidFile}): errno {Errno}", pid, pidFile, Marshal.GetLastPInvokeError());
                return false;
            }

            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or OverflowException)
        {
            logger.LogWarning("Could not reload Mosquitto: pid file {PidFile}: {Error}", pidFile, ex.Message);
            return false;
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Kill(int pid, int signal);
}

/// <summary>What one <see cref="MosquittoSync.Sync"/> did. Holds no secret.</summary>
internal sealed record MosquittoSyncResult(int Devices, IReadOnlyList<string> Skipped, bool Changed, bool Reloaded);
