using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace TanKy.Hub.Media.Speech;

public static class SpeechRegistration
{
    /// <summary>Options (section <c>Speech</c>), the espeak-ng synthesizer (replaceable) and <see cref="SpeechMedia"/>. Needs AddMedia.</summary>
    public static IServiceCollection AddSpeech(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<SpeechOptions>()
            .Bind(config.GetSection(SpeechOptions.Section))
            .Validate(o => o.Problems().Count == 0, "invalid Speech settings: see SpeechOptions.Problems()")
            .ValidateOnStart();
        services.TryAddSingleton<ISpeechSynthesizer, EspeakSpeechSynthesizer>();
        services.TryAddSingleton<SpeechMedia>();
        return services;
    }
}
