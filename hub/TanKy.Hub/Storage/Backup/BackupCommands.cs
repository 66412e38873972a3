using System.CommandLine;
using Microsoft.Extensions.Configuration;
using TanKy.Hub.Storage.Backup;
using TanKy.Hub.Shared;
using TanKy.Hub.Shared.Data;
using TanKy.Hub.Shared.Cli;

namespace TanKy.Hub.Storage.Backup;

/// <summary><c>tanky-hub backup FILE</c> (online, while the hub runs) and <c>tanky-hub restore FILE</c> (hub stopped).</summary>
public static class BackupCommands
{
    public static IEnumerable<Command> Build() => [Backup(), Restore()];

    private static Command Backup()
    {
        var file = new Argument<string>("FILE") { Description = CliText.T("cli2.backup.file") };
        var noArchive = new Option<bool>("--no-archive") { Description = CliText.T("cli2.backup.no-archive") };
        var cmd = new Command("backup", CliText.T("cli2.backup")) { file, noArchive, CliOptions.Json };
        cmd.SetAction(r => CliOptions.Guard(() =>
        {
            var db = new Database(DataDir(r));
            if (!File.Exists(db.FilePath))
            {
                return CliOutput.Fail(CliText.T("cli.backup.no-database", db.FilePath));
            }

            var manifest = DataBackup.Create(db, r.GetValue(file)!, includeArchive: !r.GetValue(noArchive));
            if (r.GetValue(CliOptions.Json))
            {
                CliOutput.WriteJson(manifest);
            }
            else
            {
                Console.Out.WriteLine(CliText.T("cli.backup.done", db.DataDir, r.GetValue(file), manifest.SchemaVersion, manifest.Files, manifest.Bytes));
            }

            return 0;
        }));
        return cmd;
    }

    private static Command Restore()
    {
        var file = new Argument<string>("FILE") { Description = CliText.T("cli2.restore.file") };
        var databaseOnly = new Option<bool>("--database-only") { Description = CliText.T("cli2.restore.db-only") };
        var cmd = new Command("restore", CliText.T("cli2.restore")) { file, databaseOnly, CliOptions.Json };
        cmd.SetAction(r => CliOptions.Guard(() =>
        {
            var result = DataRestore.Restore(DataDir(r), r.GetValue(file)!, r.GetValue(databaseOnly));
            if (r.GetValue(CliOptions.Json))
            {
                CliOutput.WriteJson(result);
            }
            else
            {
                Console.Out.WriteLine(CliText.T("cli.backup.restored", CommuneTime.ToLocal(result.Manifest.CreatedUtc).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture), result.Manifest.SchemaVersion, result.Manifest.Files));
                Console.Out.WriteLine(CliText.T("cli.backup.previous", result.PreviousContents));
            }

            return 0;
        }));
        return cmd;
    }

    /// <summary>The data directory as <see cref="CliContext"/> resolves it, without opening or migrating the database.</summary>
    private static string DataDir(ParseResult r) =>
        r.GetValue(CliOptions.DataDir)
        ?? HubConfiguration.ForCli([]).GetSection(HubOptions.Section).Get<HubOptions>()?.DataDir
        ?? new HubOptions().DataDir;
}
