using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TanKy.Hub.Broadcasts.Relay.Sources;

/// <summary>Opens a source as an ffmpeg child process per feed (<see cref="FfmpegPcmFeed"/>).</summary>
internal sealed class FfmpegPcmFeedFactory(IOptions<RelaySourceOptions> options, TimeProvider time, ILoggerFactory logs) : IPcmFeedFactory
{
    public IPcmFeed Open(RelaySource source) => new FfmpegPcmFeed(source, options.Value, time, logs.CreateLogger<FfmpegPcmFeed>());
}
