using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TanKy.Hub.Shared;
using TanKy.Hub.Shared.Data;

namespace TanKy.Hub.Storage;

public static class StorageRegistration
{
    public static IServiceCollection AddStorage(this IServiceCollection services) =>
        services.AddSingleton(sp => new Database(sp.GetRequiredService<IOptions<HubOptions>>().Value.DataDir))
            .AddHostedService<Backup.DataDirLockService>();
}
