using TanKy.Bench;

// tanky bench: `dotnet run -c Release --project tests/TanKy.Bench -- <benchmark> [options]`.
// Every result is one JSON line on stdout (BenchOutput), with the machine it ran on.
var benchmarks = new Dictionary<string, Func<string[], Task<int>>>(StringComparer.Ordinal)
{
    ["connect-storm"] = ConnectStorm.RunAsync,
    ["fanout"] = Fanout.RunAsync,
    ["report"] = ReportBench.RunAsync,
    ["schedules"] = ScheduleBench.RunAsync,
    ["emergency"] = EmergencyBench.RunAsync,
    ["programme-save"] = ProgrammeSaveBench.RunAsync,
    ["console-weight"] = ConsoleWeightBench.RunAsync,
    ["reconnect-storm"] = ReconnectStorm.RunAsync,
    ["resources"] = ResourceBudget.RunAsync,
};

if (args.Length == 0 || !benchmarks.TryGetValue(args[0], out var run))
{
    Console.Error.WriteLine($"usage: TanKy.Bench <{string.Join("|", benchmarks.Keys)}> [options]");
    return 2;
}

return await run(args[1..]);
