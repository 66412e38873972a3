using TanKy.Bench;

// tanky bench: `dotnet run -c Release --project tests/TanKy.Bench -- <benchmark> [options]`.
// Every result is one JSON line on stdout (BenchOutput), with the machine it ran on.
return await BenchCli.RunAsync(args, Console.Out, Console.Error);
