namespace TanKy.Hub.Emergency.Engine;

/// <summary>The content of an emergency request could not be prepared (upload refused, text refused by speech).</summary>
internal sealed class EmergencyContentException(string message, Exception? inner = null) : Exception(message, inner);
