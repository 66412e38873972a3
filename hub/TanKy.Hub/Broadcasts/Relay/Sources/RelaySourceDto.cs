namespace TanKy.Hub.Broadcasts.Relay.Sources;

/// <summary>A source as the API shows it; URLs lose their password for readers who may not manage sources.</summary>
public sealed record RelaySourceDto(string Id, string Name, IReadOnlyList<string> Urls, DateTimeOffset CreatedAt)
{
    public static RelaySourceDto From(RelaySource s, bool full) =>
        new(s.Id, s.Name, full ? s.Urls : s.Urls.Select(RelaySourceRules.Redact).ToList(), s.CreatedAt);
}

/// <summary>The body of <c>POST /api/v1/sources</c>.</summary>
public sealed record AddRelaySourceBody(string? Id, string? Name, IReadOnlyList<string?>? Urls);
