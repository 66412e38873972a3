namespace TanKy.DeviceSim.Audio;

/// <summary>Opens the sink for one stream on one node; called when the stream's first frame plays.</summary>
public delegate IAudioSink AudioSinkFactory(string deviceId, string streamId);
