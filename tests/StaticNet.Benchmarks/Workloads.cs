namespace StaticNet.Benchmarks;

/// <summary>A benchmark network: the generated one, the hand-written baseline of the same shape, and synthetic data.</summary>
public sealed class Workload
{
    private Workload(string name, INetwork network, HandWrittenMlp baseline, int samples, int seed)
    {
        Name = name;
        Network = network;
        Baseline = baseline;
        var random = new Random(seed);
        Inputs = Enumerable.Range(0, samples).Select(_ => Enumerable.Range(0, network.InputSize).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray()).ToArray();
        Targets = Enumerable.Range(0, samples).Select(_ => network.Loss == Loss.MeanSquaredError ? (float)random.NextDouble() : random.Next(network.OutputSize)).ToArray();
        Baseline.Forward(Inputs[0]);
    }

    public string Name { get; }

    public INetwork Network { get; }

    public HandWrittenMlp Baseline { get; }

    public float[][] Inputs { get; }

    public float[] Targets { get; }

    public static Workload Create(string name, int samples = 256, int seed = 1) => name switch
    {
        "Iris 4-10-10-3" => new(name, new IrisNet(seed), new HandWrittenMlp([4, 10, 10, 3], softmax: true, seed), samples, seed),
        "Digits 64-64-10" => new(name, new Digits64Net(seed), new HandWrittenMlp([64, 64, 10], softmax: true, seed), samples, seed),
        "Digits 64-128-10" => new(name, new Digits128Net(seed), new HandWrittenMlp([64, 128, 10], softmax: true, seed), samples, seed),
        "MNIST 784-128-10" => new(name, new MnistNet(seed), new HandWrittenMlp([784, 128, 10], softmax: true, seed), samples, seed),
        "Deep 32-(32x8)-1" => new(name, new DeepNarrowNet(seed), new HandWrittenMlp([32, 32, 32, 32, 32, 32, 32, 32, 32, 1], softmax: false, seed), samples, seed),
        _ => throw new ArgumentException($"Unknown workload {name}.", nameof(name)),
    };

    public static IEnumerable<string> Names => ["Iris 4-10-10-3", "Digits 64-64-10", "Digits 64-128-10", "MNIST 784-128-10", "Deep 32-(32x8)-1"];
}
