using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using TanKy.Hub.Shared.Cli;

namespace TanKy.Hub.Accounts.Cli;

/// <summary>The account stores a CLI command opens over the data directory's database.</summary>
public static class AccountCliContext
{
    public static UserStore Users(this CliContext ctx) => new(ctx.Db, ctx.Time);

    public static TokenService Tokens(this CliContext ctx) =>
        new(ctx.Db, ctx.Users(), ctx.Time, Options.Create(ctx.Configuration.GetSection(TokenOptions.Section).Get<TokenOptions>() ?? new TokenOptions()));
}
