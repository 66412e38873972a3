using TanKy.Hub.Cli;

return await HubCli.RunAsync(args);
