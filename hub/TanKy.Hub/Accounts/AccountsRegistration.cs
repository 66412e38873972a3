using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace TanKy.Hub.Accounts;

public static class AccountsRegistration
{
    public static IServiceCollection AddAccounts(this IServiceCollection services, IConfiguration? config = null)
    {
        if (config is not null)
        {
            services.Configure<TokenOptions>(config.GetSection(TokenOptions.Section));
        }

        return services.AddSingleton<UserStore>().AddSingleton<TokenService>();
    }
}
