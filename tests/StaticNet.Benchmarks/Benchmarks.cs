using BenchmarkDotNet.Attributes;

namespace StaticNet.Benchmarks;

/// <summary>One-sample forward latency. Every result is consumed (returned), so no work can be deleted.</summary>
[MemoryDiagnoser]
public class ForwardLatency
{
    private Workload _workload = null!;
    private float[] _output = [];
    private int _next;

    [ParamsSource(nameof(Networks))]
    public string Network { get; set; } = "";

    public static IEnumerable<string> Networks => Workload.Names;

    [GlobalSetup]
    public void Setup()
    {
        _workload = Workload.Create(Network);
        _output = new float[_workload.Network.OutputSize];
    }

    [Benchmark(Baseline = true, Description = "hand-written loops")]
    public float HandWritten() => _workload.Baseline.Forward(NextInput())[0];

    [Benchmark(Description = "StaticNet")]
    public float StaticNet()
    {
        _workload.Network.Forward(NextInput(), _output);
        return _output[0];
    }

    private float[] NextInput() => _workload.Inputs[_next = (_next + 1) & 255];
}

/// <summary>Batch-32 training: forward, loss and backward for 32 samples, the mean gradient and one Adam step. Reported per sample.</summary>
[MemoryDiagnoser]
public class TrainingThroughput
{
    private const int Batch = 32;
    private Workload _workload = null!;
    private float[] _gradient = [];
    private float[] _prediction = [];
    private float[] _inputs = [];
    private float[] _targets = [];
    private Adam _adam = null!;
    private int _start;

    [ParamsSource(nameof(Networks))]
    public string Network { get; set; } = "";

    public static IEnumerable<string> Networks => Workload.Names;

    [GlobalSetup]
    public void Setup()
    {
        _workload = Workload.Create(Network);
        _gradient = new float[_workload.Network.ParameterCount];
        _prediction = new float[Batch * _workload.Network.OutputSize];
        _inputs = new float[Batch * _workload.Network.InputSize];
        _targets = new float[Batch];
        _adam = new Adam(0.001f);
    }

    [Benchmark(Baseline = true, Description = "hand-written loops", OperationsPerInvoke = Batch)]
    public float HandWritten() => _workload.Baseline.TrainBatch(_workload.Inputs, _workload.Targets, NextBatch(), Batch, 0.001f);

    [Benchmark(Description = "StaticNet", OperationsPerInvoke = Batch)]
    public float StaticNet()
    {
        // As Fit does it: gather the batch's rows into one buffer, one generated mini-batch step, one Adam step that takes
        // the mean of the summed gradient as it goes.
        int start = NextBatch();
        INetwork net = _workload.Network;
        int n = net.InputSize;
        for (int k = 0; k < Batch; k++)
        {
            _workload.Inputs[start + k].CopyTo(_inputs, k * n);
            _targets[k] = _workload.Targets[start + k];
        }

        Array.Clear(_gradient);
        float loss = net.TrainBatch(_inputs, _targets, Batch, _gradient, _prediction);

        _adam.Step(net.Parameters, _gradient, 1f / Batch);
        return loss;
    }

    private int NextBatch() => _start = (_start + Batch) & 255 & ~(Batch - 1);
}

/// <summary>RTNeural-compare's protocol: one Dense N×N layer, batch 1, forward only.</summary>
[MemoryDiagnoser]
public class DenseLayer
{
    private INetwork _network = null!;
    private HandWrittenMlp _baseline = null!;
    private float[][] _inputs = [];
    private float[] _output = [];
    private int _next;

    [Params(4, 8, 16, 32, 64)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _network = N switch
        {
            4 => new Dense4Net(1),
            8 => new Dense8Net(1),
            16 => new Dense16Net(1),
            32 => new Dense32Net(1),
            _ => new Dense64Net(1),
        };
        _baseline = new HandWrittenMlp([N, N], softmax: false, 1);
        var random = new Random(1);
        _inputs = Enumerable.Range(0, 256).Select(_ => Enumerable.Range(0, N).Select(_ => (float)random.NextDouble()).ToArray()).ToArray();
        _output = new float[N];
    }

    [Benchmark(Baseline = true, Description = "hand-written loops")]
    public float HandWritten() => _baseline.Forward(_inputs[_next = (_next + 1) & 255])[0];

    [Benchmark(Description = "StaticNet")]
    public float StaticNet()
    {
        _network.Forward(_inputs[_next = (_next + 1) & 255], _output);
        return _output[0];
    }
}

/// <summary>
/// The whole Iris recipe: 120 standardised samples, 100 epochs of shuffled batches of 32, Adam 0.01. With the median and
/// the minimum beside the mean: on a noisy machine a few slow iterations move the mean (and its ratio) by 10 % or more.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[MinColumn]
public class IrisRecipe
{
    private Dataset _train = null!;
    private float[][] _inputs = [];
    private float[] _targets = [];

    [GlobalSetup]
    public void Setup()
    {
        Dataset iris = Csv.Load(Path.Combine(AppContext.BaseDirectory, "iris.csv"), "species", classCount: 3);
        (_train, _) = iris.TrainTestSplit(0.2, seed: 42);
        _train = StandardScaler.Fit(_train).Transform(_train);
        _inputs = Enumerable.Range(0, _train.Count).Select(i => _train.FeaturesOf(i).ToArray()).ToArray();
        _targets = Enumerable.Range(0, _train.Count).Select(i => _train.TargetOf(i)[0]).ToArray();
    }

    [Benchmark(Baseline = true, Description = "hand-written loops")]
    public float HandWritten()
    {
        var mlp = new HandWrittenMlp([4, 10, 10, 3], softmax: true, seed: 42);
        var random = new Random(42);
        int n = _inputs.Length;
        var order = Enumerable.Range(0, n).ToArray();
        var inputs = new float[n][];
        var targets = new float[n];
        float loss = 0;
        for (int epoch = 0; epoch < 100; epoch++)
        {
            random.Shuffle(order);
            for (int i = 0; i < n; i++)
            {
                inputs[i] = _inputs[order[i]];
                targets[i] = _targets[order[i]];
            }

            for (int start = 0; start < n; start += 32)
            {
                loss = mlp.TrainBatch(inputs, targets, start, Math.Min(32, n - start), 0.01f);
            }
        }

        return loss;
    }

    [Benchmark(Description = "StaticNet")]
    public double StaticNet()
    {
        var net = new IrisNet(42);
        return net.Fit(_train, epochs: 100, batchSize: 32, optimizer: new Adam(0.01f), seed: 42, verbose: 0)[^1].Loss;
    }
}

/// <summary>Multi-core training: one epoch of 784-128-10 on 2,048 synthetic samples, batches of 32, on 1 and on 2 threads.</summary>
public class ParallelTraining
{
    private Dataset _data = null!;

    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        float[] x = Enumerable.Range(0, 2048 * 784).Select(_ => (float)random.NextDouble()).ToArray();
        float[] y = Enumerable.Range(0, 2048).Select(_ => (float)random.Next(10)).ToArray();
        _data = new Dataset(x, y, featureCount: 784, classCount: 10);
    }

    [Benchmark(OperationsPerInvoke = 2048)]
    public double Epoch()
    {
        var net = new MnistNet(1);
        return net.Fit(_data, epochs: 1, batchSize: 32, optimizer: new Adam(0.001f), seed: 1, degreeOfParallelism: Threads, verbose: 0)[0].Loss;
    }
}
