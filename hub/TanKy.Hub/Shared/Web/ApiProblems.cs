using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using TanKy.Hub.Shared.Text;

namespace TanKy.Hub.Shared.Web;

/// <summary>
/// API problem texts in the request's language. Endpoints name a text key (and its arguments);
/// <see cref="Localize"/>, ASP.NET Core's <c>CustomizeProblemDetails</c> hook, turns keys into the
/// request culture's text for every problem the API writes, including the ones the framework
/// writes itself (401 from a challenge, 404 for an unknown route, 400 for bad JSON, 413, 429),
/// whose English default titles are replaced by the status's text.
/// </summary>
public static partial class ApiProblems
{
    private const string TitleKey = "tanky.titleKey";
    private const string DetailKey = "tanky.detailKey";
    private const string Args = "tanky.args";

    /// <summary>A problem whose title (and optional detail) are text keys; <paramref name="args"/> fill the detail's (or title's) placeholders.</summary>
    public static IResult Result(int status, string titleKey, string? detailKey = null, params object?[] args) =>
        Build(status, titleKey, detailKey, args, null);

    /// <summary>A problem with a keyed title and a detail that is already a message (an exception's <see cref="ILocalizedError.Text"/>).</summary>
    public static IResult Result(int status, string titleKey, TextMessage detail, IDictionary<string, object?>? extensions = null) =>
        Build(status, titleKey, detail.Key, detail.Args, extensions);

    /// <summary>
    /// A problem whose detail is a stored reason: a <see cref="TextMessage.Encode">stored text
    /// message</see> is translated; other words (another feature's exception) are kept as they are.
    /// </summary>
    public static IResult Stored(int status, string titleKey, string reason, IDictionary<string, object?>? extensions = null)
    {
        if (TextMessage.Decode(reason) is { } message && HubText.Default.Keys.Contains(message.Key))
        {
            return Result(status, titleKey, message, extensions);
        }

        var all = new Dictionary<string, object?>(extensions ?? new Dictionary<string, object?>()) { [TitleKey] = titleKey, [Args] = Array.Empty<object?>() };
        return Microsoft.AspNetCore.Http.Results.Problem(statusCode: status, title: HubText.Default.Get(titleKey, "vi"), detail: reason, extensions: all);
    }

    /// <summary>A problem with a keyed title and a detail kept as written (a technical diagnosis for support, not a sentence for people).</summary>
    public static IResult Described(int status, string titleKey, string? detail, IDictionary<string, object?>? extensions = null)
    {
        var all = new Dictionary<string, object?>(extensions ?? new Dictionary<string, object?>()) { [TitleKey] = titleKey, [Args] = Array.Empty<object?>() };
        return Microsoft.AspNetCore.Http.Results.Problem(statusCode: status, title: HubText.Default.Get(titleKey, "vi"), detail: detail, extensions: all);
    }

    private static IResult Build(int status, string titleKey, string? detailKey, object?[] args, IDictionary<string, object?>? more)
    {
        var extensions = new Dictionary<string, object?> { [TitleKey] = titleKey, [Args] = args };
        if (detailKey is not null)
        {
            extensions[DetailKey] = detailKey;
        }

        foreach (var (k, v) in more ?? new Dictionary<string, object?>())
        {
            extensions[k] = v;
        }

        // The Vietnamese text as written, in case the answer is written without the hook (a client
        // that accepts no JSON); the hook rewrites it in the request's language and drops the keys.
        var text = HubText.Default;
        return Microsoft.AspNetCore.Http.Results.Problem(
            statusCode: status,
            title: text.Format(titleKey, "vi", detailKey is null ? args : []),
            detail: detailKey is null ? null : text.Format(detailKey, "vi", args),
            extensions: extensions);
    }

    /// <summary>The hook: keys to text; a framework default or a bare English title to the status's text.</summary>
    public static void Localize(ProblemDetailsContext context)
    {
        var http = context.HttpContext;
        var problem = context.ProblemDetails;
        var text = http.RequestServices.GetService<HubText>();
        if (text is null)
        {
            return;
        }

        var language = HubText.LanguageOf(http);
        var status = problem.Status ?? http.Response.StatusCode;
        object?[] args = problem.Extensions.Remove(Args, out var a) && a is object[] values ? values : [];
        if (problem.Extensions.Remove(TitleKey, out var titleKey) && titleKey is string tk)
        {
            var hasDetail = problem.Extensions.Remove(DetailKey, out var detailKey) && detailKey is string;
            problem.Title = text.Format(tk, language, hasDetail ? [] : args);
            problem.Detail = hasDetail ? text.Format((string)detailKey!, language, args) : problem.Detail;
            return;
        }

        // A detail that is not a key is left as written: the words of another feature's exception
        // (its tests read them), to be given a key where that feature's texts are moved.
        problem.Title = LegacyTitle(problem.Title, language) ?? StatusText(text, status, language);
    }

    /// <summary>The status's own text, e.g. "api.status.404" → "Không tìm thấy".</summary>
    public static string StatusText(HubText text, int status, string language)
    {
        var key = "api.status." + status;
        return text.Keys.Contains(key) ? text.Get(key, language) : text.Format("api.status.other", language, status);
    }

    // "Tiếng Việt / English" titles of endpoints not yet moved to keys: the side of the request's language.
    // A title with no Vietnamese at all (a framework default such as "Not Found") gets the status text.
    private static string? LegacyTitle(string? title, string language)
    {
        if (title is null || !Vietnamese().IsMatch(title))
        {
            return null;
        }

        var cut = title.IndexOf(" / ", StringComparison.Ordinal);
        return cut < 0 ? title : language == "en" ? title[(cut + 3)..] : title[..cut];
    }

    [GeneratedRegex("[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]", RegexOptions.IgnoreCase)]
    private static partial Regex Vietnamese();
}
