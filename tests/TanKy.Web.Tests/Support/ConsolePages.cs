using Microsoft.Playwright;

namespace TanKy.Web.Tests.Support;

/// <summary>Steps every browser journey shares.</summary>
public static class ConsolePages
{
    /// <summary>Signs in through the login form and waits for the page after it.</summary>
    public static async Task LoginAsync(this IPage page, string name, string password)
    {
        await page.GotoAsync("/login");
        await page.Locator("input[name=name]").FillAsync(name);
        await page.Locator("input[name=password]").FillAsync(password);
        var response = await page.RunAndWaitForResponseAsync(
            () => page.Locator("button[type=submit].primary").ClickAsync(),
            r => r.Request.Method == "POST" && r.Url.Contains("/login", StringComparison.Ordinal));
        try
        {
            await page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal));
        }
        catch (TimeoutException e)
        {
            // Say why the sign-in did not go through (throttled, refused, 429…), not only that it timed out.
            var text = await page.Locator("body").InnerTextAsync();
            throw new TimeoutException($"sign-in as {name} stayed on {page.Url}: POST answered {response.Status}; the page says: {text.ReplaceLineEndings(" ")}", e);
        }
    }

    /// <summary>Signs out with the header's button (a POST with its antiforgery token).</summary>
    public static async Task LogoutAsync(this IPage page)
    {
        await page.Locator("form[action='/logout'] button").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/login", StringComparison.Ordinal));
    }
}
