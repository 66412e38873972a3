using Microsoft.Playwright;

namespace TanKy.Web.Tests.Support;

/// <summary>
/// Saves full-page PNGs as test artefacts: under <c>$TANKY_ARTIFACTS/screenshots</c> when that is
/// set (CI), else <c>tests/TanKy.Web.Tests/bin/Release/net10.0/artifacts/screenshots</c>.
/// </summary>
public static class Screenshots
{
    public static string Directory { get; } = System.IO.Directory.CreateDirectory(Path.Combine(
        Environment.GetEnvironmentVariable("TANKY_ARTIFACTS") is { Length: > 0 } root ? root : Path.Combine(AppContext.BaseDirectory, "artifacts"),
        "screenshots")).FullName;

    /// <summary>Writes <c>{name}.png</c> and returns its path; the file is non-empty or this throws.</summary>
    public static async Task<string> SaveAsync(IPage page, string name)
    {
        var path = Path.Combine(Directory, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        if (new FileInfo(path).Length == 0)
        {
            throw new IOException($"empty screenshot {path}");
        }

        return path;
    }
}
