using BenchmarkDotNet.Attributes;
using StaticNet.Benchmarks.Calibration;

namespace StaticNet.Benchmarks;

/// <summary>
/// One N×N ReLU layer written with each code strategy, forward and training step: the measurements behind
/// NetworkPlanner's automatic choice.
/// </summary>
[MemoryDiagnoser]
public class StrategyCalibration
{
    private INetwork _network = null!;
    private float[][] _inputs = [];
    private float[] _output = [];
    private float[] _target = [];
    private float[] _gradient = [];
    private int _next;

    [Params("Unrolled4", "Unrolled8", "Simd8", "Loop8", "Unrolled16", "Simd16", "Loop16", "Simd32", "Loop32", "Loop64")]
    public string Layer { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _network = (INetwork)Activator.CreateInstance(typeof(StrategyCalibration).Assembly.GetType($"StaticNet.Benchmarks.Calibration.{Layer}Net")!, 1)!;
        var random = new Random(1);
        _inputs = Enumerable.Range(0, 256).Select(_ => Enumerable.Range(0, _network.InputSize).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray()).ToArray();
        _output = new float[_network.OutputSize];
        _target = new float[_network.OutputSize];
        _gradient = new float[_network.ParameterCount];
    }

    [Benchmark]
    public float Forward()
    {
        _network.Forward(_inputs[_next = (_next + 1) & 255], _output);
        return _output[0];
    }

    [Benchmark]
    public float TrainStep() => _network.TrainStep(_inputs[_next = (_next + 1) & 255], _target, _gradient, _output);
}
