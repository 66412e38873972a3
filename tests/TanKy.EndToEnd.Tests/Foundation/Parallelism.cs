// Most end-to-end tests spend their time waiting on real time (an airtime, a keep-alive, a kill
// and restart), not on the CPU: with xUnit's default of one test per core, two such waits held
// both slots while the cores idled. Four at a time keeps the cores busy; the tests already pass
// with two CPU hogs beside them (tests/stress-ci.sh), which is harder on them than this. The
// microsecond audio tests still run alone, after these (SimulatorAudioCollection).
[assembly: CollectionBehavior(MaxParallelThreads = 4)]
