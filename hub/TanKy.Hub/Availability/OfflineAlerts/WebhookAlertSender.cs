using System.Net.Http.Headers;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TanKy.Hub.Shared;

namespace TanKy.Hub.Availability.OfflineAlerts;

/// <summary>
/// POSTs each opened or closed alert as JSON to <c>Alerts:Webhook:Url</c>. Notifications go into
/// a bounded queue and one background loop sends them with a timeout per attempt and a doubling
/// back-off between attempts, so a slow or dead receiver never holds up the hub.
/// </summary>
internal sealed class WebhookAlertSender : BackgroundService, IAlertNotifier
{
    private readonly WebhookOptions _options;
    private readonly string _site;
    private readonly TimeProvider _time;
    private readonly ILogger<WebhookAlertSender> _logger;
    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };
    private readonly Channel<byte[]> _queue;

    public WebhookAlertSender(IOptions<AlertOptions> options, IOptions<HubOptions> hub, TimeProvider time, ILogger<WebhookAlertSender> logger)
    {
        _options = options.Value.Webhook;
        _site = hub.Value.Site;
        _time = time;
        _logger = logger;
        _queue = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(Math.Max(1, _options.QueueCapacity)) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
    }

    public bool Enabled => !string.IsNullOrWhiteSpace(_options.Url);

    public Task NotifyAsync(IReadOnlyList<AlertChange> changes, IReadOnlyList<Alert> open, CancellationToken cancellationToken)
    {
        if (Enabled)
        {
            foreach (var change in changes)
            {
                _queue.Writer.TryWrite(AlertPayloads.Webhook(_site, change, open.Count, _time.GetUtcNow()));
            }
        }

        return Task.CompletedTask;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var payload in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                await SendAsync(payload, stoppingToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public override void Dispose()
    {
        _http.Dispose();
        base.Dispose();
    }

    private async Task SendAsync(byte[] payload, CancellationToken stoppingToken)
    {
        var delay = _options.FirstRetryDelay;
        for (var attempt = 1; attempt <= Math.Max(1, _options.MaxAttempts); attempt++)
        {
            var failure = await TryPostAsync(payload, stoppingToken);
            if (failure is null)
            {
                return;
            }

            if (attempt == _options.MaxAttempts)
            {
                _logger.LogWarning("Alert webhook gave up after {Attempts} attempts: {Reason}", attempt, failure);
                return;
            }

            _logger.LogInformation("Alert webhook attempt {Attempt} failed ({Reason}); retrying in {Delay}", attempt, failure, delay);
            await Task.Delay(delay, _time, stoppingToken);
            delay *= 2;
        }
    }

    /// <summary>Returns null on success, otherwise why it failed.</summary>
    private async Task<string?> TryPostAsync(byte[] payload, CancellationToken stoppingToken)
    {
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        attempt.CancelAfter(_options.Timeout);
        try
        {
            using var content = new ByteArrayContent(payload);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            using var response = await _http.PostAsync(_options.Url, content, attempt.Token);
            return response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode}";
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            return $"no answer within {_options.Timeout}";
        }
        catch (HttpRequestException ex)
        {
            return ex.Message;
        }
    }
}
