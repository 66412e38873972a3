using TanKy.Hub.Accounts;
using TanKy.Hub.Shared.Data;

namespace TanKy.Hub.Tests.Support;

/// <summary>Users with API tokens in a test database, the way an admin would create them.</summary>
public static class TestUsers
{
    /// <summary>Adds <paramref name="name"/> with <paramref name="role"/> (and zones, for hamlet heads) and returns a fresh API token of theirs.</summary>
    public static string AddWithToken(this Database db, string name, Role role, params string[] zones)
    {
        var users = new UserStore(db, TimeProvider.System);
        users.Add(name, role, zones);
        return new TokenService(db, users, TimeProvider.System).Create(name);
    }
}
