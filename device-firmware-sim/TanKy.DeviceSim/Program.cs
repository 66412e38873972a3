using TanKy.DeviceSim.Cli;

return await SimCli.RunAsync(args, Console.Out, Console.Error);
