using System.Diagnostics;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using StaticNet.Benchmarks;

// `first-call`: the cost of the first Forward and TrainStep of a network in a fresh process (JIT compilation of the
// generated code included), which BenchmarkDotNet's warmed-up measurements leave out.
if (args.Length > 0 && args[0] == "first-call")
{
    foreach (string name in Workload.Names)
    {
        var stopwatch = Stopwatch.StartNew();
        var workload = Workload.Create(name, samples: 1);
        long created = stopwatch.ElapsedTicks;
        var output = new float[workload.Network.OutputSize];
        workload.Network.Forward(workload.Inputs[0], output);
        long forward = stopwatch.ElapsedTicks;
        workload.Network.TrainStep(workload.Inputs[0], [workload.Targets[0]], new float[workload.Network.ParameterCount], output);
        long train = stopwatch.ElapsedTicks;
        double ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
        Console.WriteLine($"{name}: first Forward {ms(forward - created):F2} ms, first TrainStep {ms(train - forward):F2} ms");
    }

    return;
}

// `fma-peak`: what the machine's cores deliver in 256- and 512-bit fused multiply-adds, on 1 and on all threads: the ceiling for
// the GFLOP/s figures in docs/benchmarks.md, and for any multi-core speed-up.
if (args.Length > 0 && args[0] == "fma-peak")
{
    FmaPeak.Report();
    return;
}

// `parallel-probe`: whether the machine's cores give a fork/join speed-up at all, at the grain of a training batch.
if (args.Length > 0 && args[0] == "parallel-probe")
{
    ParallelProbe.Report();
    return;
}

// `breakdown`: where a batch-32 training step's time goes (TrainBatch, the gradient's mean, Adam), per network.
// `saliency`: one sample's InputGradient, Iris and MNIST (docs/benchmarks.md).
if (args.Length > 0 && args[0] == "saliency")
{
    SaliencyBenchmark.Report();
    return;
}

// `recurrent`: GRU training at RLtools's configuration and GRU/LSTM inference per step at RTNeural's sizes.
if (args.Length > 0 && args[0] == "recurrent")
{
    RecurrentBenchmark.Report(streamingOnly: args.Length > 1 && args[1] == "streaming");
    return;
}

if (args.Length > 0 && args[0] == "breakdown")
{
    Breakdown.Report();
    return;
}

// `lenet`: LeNet-5's training step, one-sample and batched inference (docs/benchmarks.md, images); `lenet train`: only
// training steps, for ten seconds, to run under a profiler.
if (args.Length > 0 && args[0] == "lenet")
{
    LeNetBenchmark.Report(trainOnly: args.Length > 1 && args[1] == "train");
    return;
}

// `first-fit`: the same Fit four times in this fresh process, the first (JIT and tier 0 included) against the warm fourth.
if (args.Length > 0 && args[0] == "first-fit")
{
    FirstFit.Report();
    return;
}

// `batch-forward`: inference at batch 1,024, one sample at a time against the batch Forward and ONNX Runtime.
if (args.Length > 0 && args[0] == "batch-forward")
{
    BatchInference.Report();
    return;
}

// `iris-recipe [seconds]`: the Iris recipe (IrisRecipe.StaticNet: a new IrisNet, 100 epochs of Fit) over and over for
// the given seconds (default 5) in this process, its best and median times: on a noisy machine the best of thousands
// of recipes moves less between runs than BenchmarkDotNet's mean or median of fifteen iterations.
if (args.Length > 0 && args[0] == "iris-recipe")
{
    var recipe = new IrisRecipe();
    recipe.Setup();
    double seconds = args.Length > 1 ? double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5;
    var times = new List<double>();
    double loss = 0;
    var total = Stopwatch.StartNew();
    while (total.Elapsed.TotalSeconds < seconds)
    {
        long start = Stopwatch.GetTimestamp();
        loss = recipe.StaticNet();
        times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
    }

    times.Sort();
    Console.WriteLine($"Iris recipe: best {times[0]:F3} ms, median {times[times.Count / 2]:F3} ms of {times.Count} recipes; last loss {loss:R}");
    return;
}

// `long-run`: MNIST training over 5,000 steps on real digits, the first 100 steps beside the steady state, and the subnormal
// values the run leaves in the parameters and Adam's moments.
if (args.Length > 0 && args[0] == "long-run")
{
    LongRun.Report();
    return;
}

var config = DefaultConfig.Instance
    .AddJob(Job.ShortRun.WithId("ShortRun"))
    .WithOptions(ConfigOptions.JoinSummary);
BenchmarkSwitcher.FromAssembly(typeof(Workload).Assembly).Run(args, config);
