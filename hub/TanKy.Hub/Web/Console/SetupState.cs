using TanKy.Hub.Accounts;

namespace TanKy.Hub.Web.Console;

/// <summary>Has the first admin been created? Asked on every page request, so the answer "yes" is kept once seen.</summary>
internal sealed class SetupState(PasswordLogin passwords)
{
    private volatile bool _done;

    public bool Done => _done || (_done = passwords.AdminExists());
}
