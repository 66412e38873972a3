namespace TanKy.Hub.Storage.Backup;

/// <summary>
/// An exclusive advisory lock on <c>{DataDir}/hub.lock</c>, held by the running hub for its whole
/// life and taken by <c>restore</c>, so a restore can never swap files under a running hub. On
/// Linux <see cref="FileShare.None"/> is an <c>flock(LOCK_EX)</c>: the kernel releases it when the
/// process dies, even by <c>kill -9</c>, so a crash never leaves a stale lock behind.
/// </summary>
internal sealed class DataDirLock : IDisposable
{
    public const string FileName = "hub.lock";

    private readonly FileStream _stream;

    private DataDirLock(FileStream stream) => _stream = stream;

    /// <summary>The lock, or null when another process (or another holder in this one) has it.</summary>
    public static DataDirLock? TryAcquire(string dataDir)
    {
        Directory.CreateDirectory(dataDir);
        try
        {
            var stream = new FileStream(Path.Combine(dataDir, FileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            stream.SetLength(0);
            var pid = System.Text.Encoding.ASCII.GetBytes(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\n");
            stream.Write(pid);
            stream.Flush();
            return new DataDirLock(stream);
        }
        catch (IOException)
        {
            return null;
        }
    }

    public void Dispose() => _stream.Dispose();
}
