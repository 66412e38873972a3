using TanKy.Hub.Shared.Text;
using System.ComponentModel;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NAudio.Wave;

namespace TanKy.Hub.Media.Speech;

/// <summary>
/// Speech through Debian's <c>espeak-ng</c> Vietnamese voices, run as a child process per
/// request with a timeout. Robotic but intelligible, offline, and small enough for a Pi.
/// </summary>
internal sealed class EspeakSpeechSynthesizer(IOptions<SpeechOptions> options, ILogger<EspeakSpeechSynthesizer> log) : ISpeechSynthesizer
{
    private readonly SpeechOptions _o = options.Value;

    public async Task<SpeechResult> SynthesizeAsync(string text, CancellationToken ct)
    {
        var validation = TextValidator.Validate(text, _o.MaxCharacters);
        if (!validation.IsValid)
        {
            throw new SpeechException(new TextMessage("rules2.speech.text-refused"), validation.Problems);
        }

        var dir = Directory.CreateTempSubdirectory("tanky-speech-").FullName;
        try
        {
            var wavPath = Path.Combine(dir, "speech.wav");
            var started = Stopwatch.GetTimestamp();
            await RunAsync(validation.Text, wavPath, ct);
            var wav = await File.ReadAllBytesAsync(wavPath, ct);
            var duration = CheckWav(wav);
            log.LogInformation("Synthesised {Chars} characters with voice {Voice}: {DurationMs} ms of audio in {ElapsedMs} ms", validation.Text.Length, _o.Voice, (long)duration.TotalMilliseconds, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return new SpeechResult(wav, duration, validation.Text, _o.Voice);
        }
        finally
        {
            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (IOException ex)
            {
                log.LogWarning(ex, "Could not remove speech temp directory {Dir}", dir);
            }
        }
    }

    private async Task RunAsync(string text, string wavPath, CancellationToken ct)
    {
        using var process = new Process { StartInfo = EspeakCommand.StartInfo(_o, wavPath) };
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            throw new SpeechException(new TextMessage("rules2.speech.no-engine", _o.Executable, ex.Message), null, ex);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(_o.Timeout);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        try
        {
            await process.StandardInput.WriteAsync(text.AsMemory(), timeout.Token);
            process.StandardInput.Close();
            await process.WaitForExitAsync(timeout.Token);
            await Task.WhenAll(stderr, stdout);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            ct.ThrowIfCancellationRequested();
            throw new SpeechException(new TextMessage("rules2.speech.timeout", $"{_o.Timeout.TotalSeconds:0}"));
        }
        catch (IOException ex)
        {
            // The engine died before reading its input (broken pipe): report what it said.
            await process.WaitForExitAsync(CancellationToken.None);
            throw new SpeechException(new TextMessage("rules2.speech.exited-early", process.ExitCode, await SafeRead(stderr)), null, ex);
        }

        if (process.ExitCode != 0)
        {
            throw new SpeechException(new TextMessage("rules2.speech.exit-code", process.ExitCode, (await stderr).Trim()));
        }
    }

    /// <summary>The engine's own exit code is not enough: an unknown voice still exits 0 on some builds, with an empty file.</summary>
    internal static TimeSpan CheckWav(byte[] wav)
    {
        try
        {
            using var reader = new WaveFileReader(new MemoryStream(wav));
            if (reader.Length == 0 || reader.TotalTime <= TimeSpan.Zero)
            {
                throw new SpeechException(new TextMessage("rules2.speech.no-audio"));
            }

            return reader.TotalTime;
        }
        catch (FormatException ex)
        {
            throw new SpeechException(new TextMessage("rules2.speech.not-wav", ex.Message), null, ex);
        }
        catch (EndOfStreamException ex)
        {
            throw new SpeechException(new TextMessage("rules2.speech.truncated"), null, ex);
        }
    }

    private static async Task<string> SafeRead(Task<string> stderr)
    {
        try
        {
            return (await stderr).Trim();
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException)
        {
            return "";
        }
    }
}
