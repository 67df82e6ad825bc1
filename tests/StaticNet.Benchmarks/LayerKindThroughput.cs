using BenchmarkDotNet.Attributes;

namespace StaticNet.Benchmarks;

/// <summary>
/// Batch-32 training of Digits 64-128-10 with each layer kind added, against the plain network in the same run: what
/// dropout, batch normalisation and L2 cost. As <see cref="TrainingThroughput"/> runs a step: gather, the generated
/// mini-batch step in a workspace made once, Adam with the mean folded in. Reported per sample.
/// </summary>
[MemoryDiagnoser]
public class LayerKindThroughput
{
    private const int Batch = 32;
    private INetwork _network = null!;
    private TrainingWorkspace _workspace = null!;
    private float[][] _samples = [];
    private float[] _labels = [];
    private float[] _gradient = [];
    private float[] _prediction = [];
    private float[] _inputs = [];
    private float[] _targets = [];
    private Adam _adam = null!;
    private int _start;

    [Params("plain", "+ Dropout(0.2)", "+ BatchNormalization", "+ L2 1e-4", "+ all three")]
    public string Network { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _network = Network switch
        {
            "plain" => new Digits128Net(1),
            "+ Dropout(0.2)" => new Digits128DropoutNet(1),
            "+ BatchNormalization" => new Digits128BatchNormNet(1),
            "+ L2 1e-4" => new Digits128L2Net(1),
            _ => new Digits128AllNet(1),
        };
        var random = new Random(1);
        _samples = Enumerable.Range(0, 256).Select(_ => Enumerable.Range(0, 64).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray()).ToArray();
        _labels = Enumerable.Range(0, 256).Select(_ => (float)random.Next(10)).ToArray();
        _workspace = _network.CreateWorkspace(Batch, seed: 1);
        _gradient = new float[_network.ParameterCount];
        _prediction = new float[Batch * _network.OutputSize];
        _inputs = new float[Batch * 64];
        _targets = new float[Batch];
        _adam = new Adam(0.001f);
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public float Step()
    {
        int start = _start = (_start + Batch) & 255 & ~(Batch - 1);
        for (int k = 0; k < Batch; k++)
        {
            _samples[start + k].CopyTo(_inputs, k * 64);
            _targets[k] = _labels[start + k];
        }

        Array.Clear(_gradient);
        float loss = _network.TrainBatch(_inputs, _targets, Batch, _gradient, _prediction, _workspace);
        _adam.Step(_network.Parameters, _gradient, 1f / Batch);
        return loss;
    }
}
