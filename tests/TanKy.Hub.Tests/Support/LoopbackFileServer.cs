using System.Net;
using System.Net.Sockets;
using System.Text;

namespace TanKy.Hub.Tests.Support;

/// <summary>
/// The files of one folder over plain HTTP/1.1 on 127.0.0.1, port bound by the listener itself
/// (port 0): enough for ffmpeg to read an HLS playlist and its segments, or a static MP3. One
/// request per connection (answers say <c>Connection: close</c>); paths outside the folder are 404.
/// </summary>
public sealed class LoopbackFileServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private int _requests;

    public LoopbackFileServer(string folder)
    {
        Folder = Path.GetFullPath(folder);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync();
    }

    public string Folder { get; }

    public int Port { get; }

    public int Requests => Volatile.Read(ref _requests);

    public string Url(string file) => $"http://127.0.0.1:{Port}/{file}";

    /// <summary>A loopback URL where nothing listens (a port just bound and released): connections are refused.</summary>
    public static string DeadUrl(string file = "dead.mp3")
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return $"http://127.0.0.1:{port}/{file}";
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        Interlocked.Increment(ref _requests);
        try
        {
            var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.ASCII, false, 1024, leaveOpen: true);
            var requestLine = await reader.ReadLineAsync(_stop.Token) ?? "";
            while (!string.IsNullOrEmpty(await reader.ReadLineAsync(_stop.Token)))
            {
                // Headers are not needed.
            }

            var parts = requestLine.Split(' ');
            var path = parts.Length >= 2 ? Uri.UnescapeDataString(parts[1].Split('?')[0].TrimStart('/')) : "";
            var file = Path.GetFullPath(Path.Combine(Folder, path));
            byte[]? body = null;
            if (parts[0] == "GET" && file.StartsWith(Folder + Path.DirectorySeparatorChar, StringComparison.Ordinal) && File.Exists(file))
            {
                try
                {
                    body = await File.ReadAllBytesAsync(file, _stop.Token);
                }
                catch (IOException)
                {
                    // Being rewritten by ffmpeg this instant: 404, the client asks again.
                }
            }

            var head = body is null
                ? "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                : $"HTTP/1.1 200 OK\r\nContent-Type: {ContentType(file)}\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head), _stop.Token);
            if (body is not null)
            {
                await stream.WriteAsync(body, _stop.Token);
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away.
        }
    }

    private static string ContentType(string file) => Path.GetExtension(file) switch
    {
        ".m3u8" => "application/vnd.apple.mpegurl",
        ".ts" => "video/mp2t",
        ".aac" => "audio/aac",
        ".mp3" => "audio/mpeg",
        _ => "application/octet-stream",
    };

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }
}
