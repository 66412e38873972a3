namespace TanKy.Hub.Web.Console.Text;

/// <summary>The current request's text for a key: <c>@T("nav.dashboard")</c> in every page.</summary>
public delegate string Translate(string key);
