using Dapper;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Quartz;
using TanKy.Hub.Hosting;
using TanKy.Hub.Schedules;
using TanKy.Hub.Schedules.Airing;
using TanKy.Hub.Shared.Data;
using TanKy.Hub.Tests.Support;
using TanKy.Hub.Web.Console;

namespace TanKy.Hub.Tests.Hosting;

/// <summary>
/// Settings are bound with the options pattern and read when the hub resolves them: registering
/// the hub reads nothing, and an invalid setting still stops the start with its name in the message.
/// </summary>
public sealed class HubOptionsAtStart_Tests
{
    private static WebApplication Build(TempDataDir dir, params string[] settings) => HubHost.Build(
        [
            $"--Hub:DataDir={dir.Path}", "--Broker:Port=0", "--Broker:BindAddress=127.0.0.1",
            "--Http:Urls=http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning", .. settings,
        ]);

    // The hub's run: build then start; a setting may fail either (both end the process before it serves).
    private static async Task BuildAndStartAsync(TempDataDir dir, params string[] settings)
    {
        await using var app = Build(dir, settings);
        await app.StartAsync();
        await app.StopAsync();
    }

    [Theory]
    [InlineData("00:00:00.010")]
    [InlineData("00:10:01")]
    public async Task An_outcome_interval_out_of_range_stops_the_start(string value)
    {
        using var dir = new TempDataDir();

        var start = () => BuildAndStartAsync(dir, $"--Schedules:OutcomeInterval={value}");

        (await start.Should().ThrowAsync<OptionsValidationException>())
            .Which.Message.Should().Be("Schedules:OutcomeInterval must be 50 ms – 10 min");
    }

    [Theory]
    [InlineData(null, 2000)]
    [InlineData("00:00:00.050", 50)]
    [InlineData("00:10:00", 600_000)]
    public async Task The_outcome_interval_is_the_setting_or_two_seconds(string? value, int expectedMs)
    {
        using var dir = new TempDataDir();
        await using var app = Build(dir, value is null ? [] : [$"--Schedules:OutcomeInterval={value}"]);

        app.Services.GetRequiredService<IOptions<AiringOutcomeReconcilerOptions>>().Value.OutcomeInterval
            .Should().Be(TimeSpan.FromMilliseconds(expectedMs));
    }

    [Fact]
    public async Task An_https_address_without_a_certificate_stops_the_start()
    {
        using var dir = new TempDataDir();

        // Kestrel's options are made when WebApplication is built, so this one fails the build.
        var start = () => BuildAndStartAsync(dir, "--Http:Urls=https://127.0.0.1:0");

        (await start.Should().ThrowAsync<OptionsValidationException>())
            .Which.Message.Should().Be("Http:Urls has an https:// address but Http:CertificateFile is not set");
    }

    [Fact]
    public async Task Console_session_and_request_limit_reach_the_server_options()
    {
        using var dir = new TempDataDir();
        await using var app = Build(dir, "--Console:Session=01:30:00");

        app.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(ConsoleAuth.CookieScheme).ExpireTimeSpan
            .Should().Be(TimeSpan.FromMinutes(90));
        app.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits.MaxRequestBodySize.Should().Be(1024 * 1024);
    }

    [Fact]
    public async Task Quartz_stores_jobs_in_the_data_dirs_database_under_one_name_per_database()
    {
        using var dir = new TempDataDir();
        using var other = new TempDataDir();
        await using var hub = await TestHub.StartAsync(dir.Path);

        var scheduler = await hub.Get<ISchedulerFactory>().GetScheduler();
        scheduler.SchedulerName.Should().Be(SchedulesRegistration.SchedulerName(dir.Db.ConnectionString))
            .And.NotBe(SchedulesRegistration.SchedulerName(other.Db.ConnectionString));
        await scheduler.AddJob(JobBuilder.Create<ProbeJob>().WithIdentity("probe", "options-test").StoreDurably().Build(), AddJobOptions.Replacing);

        using var c = dir.Db.Open();
        c.Query<string>("SELECT SCHED_NAME FROM QRTZ_JOB_DETAILS WHERE JOB_NAME = 'probe'")
            .Should().Equal(scheduler.SchedulerName);
    }

    private sealed class ProbeJob : IJob
    {
        public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }
}
