namespace TanKy.EndToEnd.Tests.SimulatorAudio;

/// <summary>
/// Audio tests measure start errors in microseconds: they run one at a time, after the parallel
/// tests, so two cores are not shared with another test's 20 nodes.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SimulatorAudioCollection
{
    public const string Name = "SimulatorAudio";
}
