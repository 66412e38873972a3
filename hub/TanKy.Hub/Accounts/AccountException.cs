namespace TanKy.Hub.Accounts;

/// <summary>An account request that cannot be carried out; the message is meant for the user.</summary>
public sealed class AccountException(string message) : InvalidOperationException(message);
