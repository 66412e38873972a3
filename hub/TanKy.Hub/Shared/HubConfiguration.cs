using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using TanKy.Hub.Shared;

namespace TanKy.Hub.Shared;

/// <summary>
/// Configuration sources, in rising priority: appsettings.json beside the binary,
/// appsettings.json in the working directory, TANKY_* environment variables
/// (TANKY_Broker__Port=1884), then the command line (--Broker:Port=1884).
/// </summary>
public static class HubConfiguration
{
    public static void AddSources(IConfigurationBuilder config, string[] args)
    {
        config.AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true, reloadOnChange: false);
        config.AddEnvironmentVariables("TANKY_");
        config.AddCommandLine(args);
    }

    /// <summary>The configuration the CLI commands read (no host needed).</summary>
    public static IConfiguration ForCli(string[] args)
    {
        var builder = new ConfigurationBuilder().AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true);
        AddSources(builder, args);
        return builder.Build();
    }

    public static IServiceCollection AddHubCore(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<HubOptions>().Bind(config.GetSection(HubOptions.Section));
        services.AddSingleton(TimeProvider.System);
        return services;
    }

    /// <summary>
    /// One line per entry on stdout. Under systemd (stdout connected to the journal) the lines
    /// carry a syslog priority prefix (<c>&lt;4&gt;</c> for a warning) and no timestamp, so
    /// <c>journalctl -p warning</c> filters by level and journald's own time is the only one.
    /// </summary>
    public static ILoggingBuilder AddHubConsole(this ILoggingBuilder logging, bool? journal = null)
    {
        // "Request starting GET /api/v1/live?access_token=…" would put a token in the journal as
        // soon as someone raises Microsoft.AspNetCore to Information to debug: this category
        // stays at Warning (a more specific rule than any "Microsoft.AspNetCore" setting).
        logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        if (journal ?? IsJournal())
        {
            logging.AddSystemdConsole(o =>
            {
                o.IncludeScopes = false;
                o.TimestampFormat = null;
            });
            return logging;
        }

        logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "yyyy-MM-dd HH:mm:ss ";
            o.ColorBehavior = LoggerColorBehavior.Disabled;
        });
        return logging;
    }

    /// <summary>systemd sets JOURNAL_STREAM when stdout or stderr goes to the journal.</summary>
    private static bool IsJournal() =>
        !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("JOURNAL_STREAM")) || Microsoft.Extensions.Hosting.Systemd.SystemdHelpers.IsSystemdService();
}
