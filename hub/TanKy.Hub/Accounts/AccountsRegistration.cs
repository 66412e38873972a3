using Microsoft.Extensions.DependencyInjection;

namespace TanKy.Hub.Accounts;

public static class AccountsRegistration
{
    public static IServiceCollection AddAccounts(this IServiceCollection services) =>
        services.AddSingleton<UserStore>().AddSingleton<TokenService>();
}
