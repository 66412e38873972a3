using System.CommandLine;
using System.Globalization;
using TanKy.Hub.Shared.Cli;

namespace TanKy.Hub.Accounts.Cli;

/// <summary>
/// <c>tanky-hub tokens create|list|revoke</c>: API bearer tokens. <c>create</c> is an admin-local
/// action without a password: it opens the hub's database directly, so whoever can run it can
/// already change every row; a password prompt would add nothing. Its tokens expire like all others.
/// </summary>
public static class TokenCommands
{
    public static Command Build()
    {
        var tokens = new Command("tokens", CliText.T("cli2.tokens"));

        var user = new Option<string>("--user") { Required = true };
        var label = new Option<string>("--label") { Description = CliText.T("cli2.tokens.label"), DefaultValueFactory = _ => "cli" };
        var days = new Option<int?>("--expires-days") { Description = CliText.T("cli2.tokens.days") };
        var create = new Command("create", CliText.T("cli2.tokens.create")) { user, label, days, CliOptions.Json };
        create.SetAction(r => CliOptions.Guard(() =>
        {
            // Clamped so a huge number gets the lifetime message, not an overflow.
            var lifetime = r.GetValue(days) is { } d ? TimeSpan.FromDays(Math.Clamp(d, -1, 100_000)) : (TimeSpan?)null;
            var token = CliOptions.Context(r).Tokens().Create(r.GetValue(user)!, r.GetValue(label)!, lifetime);
            if (r.GetValue(CliOptions.Json))
            {
                CliOutput.WriteJson(new { user = r.GetValue(user), token });
            }
            else
            {
                Console.Out.WriteLine(token);
            }

            return 0;
        }));

        var filter = new Option<string?>("--user");
        var list = new Command("list", CliText.T("cli2.tokens.list")) { filter };
        list.SetAction(r => CliOptions.Guard(() =>
        {
            static string F(DateTimeOffset? t) => t?.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "-";
            CliOutput.WriteTable(
                CliText.Columns("id", "user", "label", "created", "expires", "last-used", "revoked"),
                CliOptions.Context(r).Tokens().List(r.GetValue(filter)).Select(t => (IReadOnlyList<string>)[t.Prefix, t.UserName, t.Name, F(t.CreatedAt), F(t.ExpiresAt), F(t.LastUsed), F(t.RevokedAt)]));
            return 0;
        }));

        var id = new Option<string>("--id") { Description = CliText.T("cli2.tokens.id"), Required = true };
        var revoke = new Command("revoke", CliText.T("cli2.tokens.revoke")) { id };
        revoke.SetAction(r => CliOptions.Guard(() =>
        {
            CliOptions.Context(r).Tokens().Revoke(r.GetValue(id)!);
            Console.Out.WriteLine(CliText.T("cli.tokens.revoked", r.GetValue(id)));
            return 0;
        }));

        tokens.Subcommands.Add(create);
        tokens.Subcommands.Add(list);
        tokens.Subcommands.Add(revoke);
        return tokens;
    }
}
