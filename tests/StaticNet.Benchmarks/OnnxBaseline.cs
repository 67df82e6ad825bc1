using BenchmarkDotNet.Attributes;
using Microsoft.ML.OnnxRuntime;

namespace StaticNet.Benchmarks;

/// <summary>
/// Iris forward for one sample: StaticNet against ONNX Runtime (Microsoft.ML.OnnxRuntime, CPU, one thread) running the
/// same network exported from PyTorch (iris.onnx, made by make_onnx.py), with input and output tensors preallocated.
/// </summary>
[MemoryDiagnoser]
public class IrisOnnx : IDisposable
{
    private readonly float[] _input = [0.1f, -0.4f, 1.2f, 0.7f];
    private readonly float[] _output = new float[3];
    private readonly IrisNet _network = new(1);
    private InferenceSession _session = null!;
    private OrtValue _inputValue = null!;
    private OrtValue _outputValue = null!;
    private RunOptions _runOptions = null!;
    private readonly string[] _inputNames = ["input"];
    private readonly string[] _outputNames = ["output"];
    private OrtValue[] _inputValues = [];
    private OrtValue[] _outputValues = [];

    [GlobalSetup]
    public void Setup()
    {
        using var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1, GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
        _session = new InferenceSession(Path.Combine(AppContext.BaseDirectory, "iris.onnx"), options);
        _inputValue = OrtValue.CreateTensorValueFromMemory(_input, [1, 4]);
        _outputValue = OrtValue.CreateTensorValueFromMemory(_output, [1, 3]);
        _runOptions = new RunOptions();
        _inputValues = [_inputValue];
        _outputValues = [_outputValue];
    }

    [Benchmark(Baseline = true, Description = "ONNX Runtime")]
    public float OnnxRuntime()
    {
        _session.Run(_runOptions, _inputNames, _inputValues, _outputNames, _outputValues);
        return _output[0];
    }

    [Benchmark(Description = "StaticNet")]
    public float StaticNet()
    {
        _network.Forward(_input, _output);
        return _output[0];
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _inputValue?.Dispose();
        _outputValue?.Dispose();
        _runOptions?.Dispose();
        _session?.Dispose();
        GC.SuppressFinalize(this);
    }
}
