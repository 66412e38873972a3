using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace TanKy.Hub.Broker;

// Placeholder until the broker branch lands (it provides the real AddBroker).
public static class BrokerRegistration
{
    public static IServiceCollection AddBroker(this IServiceCollection services, IConfiguration config) => services;
}
