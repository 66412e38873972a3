namespace TanKy.Hub.Gateway.Hardware;

/// <summary>One write to an output pin of the <see cref="SimulatedGpioDriver"/>: pin, level, and when.</summary>
internal readonly record struct PinWrite(int Pin, bool High, DateTimeOffset At);
