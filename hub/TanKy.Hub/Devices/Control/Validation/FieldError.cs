namespace TanKy.Hub.Devices.Control.Validation;

/// <summary>Why one field of a request was refused, in words a technician can act on.</summary>
public sealed record FieldError(string Field, string Reason);
