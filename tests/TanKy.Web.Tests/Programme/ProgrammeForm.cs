using Microsoft.Playwright;

namespace TanKy.Web.Tests.Programme;

/// <summary>Steps of the programme form as an officer does them.</summary>
internal static class ProgrammeForm
{
    /// <summary>Picks the clip whose title is <paramref name="title"/> in a clip picker, as a person reads the list.</summary>
    public static async Task PickClipAsync(IPage page, string select, string title)
    {
        var option = page.Locator($"{select} option[data-title='{title}']");
        var label = (await option.TextContentAsync())!.Trim();
        await page.Locator(select).SelectOptionAsync(new SelectOptionValue { Label = label });
    }
}
