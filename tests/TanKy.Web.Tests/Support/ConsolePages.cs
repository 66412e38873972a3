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
        await page.Locator("button[type=submit].primary").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal));
    }

    /// <summary>Signs out with the header's button (a POST with its antiforgery token).</summary>
    public static async Task LogoutAsync(this IPage page)
    {
        await page.Locator("form[action='/logout'] button").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/login", StringComparison.Ordinal));
    }
}
