using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace TanKy.Bench;

/// <summary>One JSON line per result, always with the machine it was measured on.</summary>
internal static class BenchOutput
{
    private static readonly object Machine = new
    {
        os = RuntimeInformation.OSDescription,
        arch = RuntimeInformation.OSArchitecture.ToString(),
        cores = Environment.ProcessorCount,
        memory_gib = Math.Round(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024), 1),
        dotnet = RuntimeInformation.FrameworkDescription,
        cpu = CpuModel(),
    };

    public static void Write(string benchmark, object result)
    {
        var line = JsonSerializer.Serialize(new { benchmark, at = DateTimeOffset.UtcNow, machine = Machine, result });
        Console.Out.WriteLine(line);
    }

    /// <summary>CPU seconds used by this process so far (user + system).</summary>
    public static double CpuSeconds() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;

    /// <summary>Peak resident set size of this process in MiB (VmHWM).</summary>
    public static double PeakRssMiB() => ReadStatus("VmHWM:") / 1024.0;

    public static double ReadStatus(string field, int pid = 0)
    {
        var path = pid == 0 ? "/proc/self/status" : $"/proc/{pid}/status";
        var line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
        return line is null ? 0 : double.Parse(line[field.Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string CpuModel()
    {
        try
        {
            return File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown";
        }
        catch (IOException)
        {
            return "unknown";
        }
    }
}
