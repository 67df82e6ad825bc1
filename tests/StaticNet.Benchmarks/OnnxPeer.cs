using Microsoft.ML.OnnxRuntime;
using StaticNet.Onnx;

namespace StaticNet.Benchmarks;

/// <summary>
/// ONNX Runtime (CPU, one thread, every graph optimisation) on a network exported by StaticNet.Onnx, timed with
/// preallocated input and output tensors: the peer the `batch-forward` and `lenet` reports set beside StaticNet.
/// </summary>
internal sealed class OnnxPeer : IDisposable
{
    private readonly string _path;
    private readonly SessionOptions _options;
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly string _inputName;
    private readonly string _outputName;

    public OnnxPeer(INetwork network, string name)
    {
        _path = Path.Combine(Path.GetTempPath(), $"{name}-{Environment.ProcessId}.onnx");
        network.ExportOnnx(_path);
        _options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1, GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
        _session = new InferenceSession(_path, _options);
        _inputName = _session.InputMetadata.Keys.Single();
        _outputName = _session.OutputMetadata.Keys.Single();
    }

    /// <summary>The best time of one run over <paramref name="inputs"/> shaped <paramref name="inputShape"/> (the batch first), giving <paramref name="outputs"/> floats a sample.</summary>
    public double Time(float[] inputs, long[] inputShape, int outputs, int repeats, int warmUpMilliseconds)
    {
        using OrtValue input = OrtValue.CreateTensorValueFromMemory(inputs, inputShape);
        using OrtValue result = OrtValue.CreateTensorValueFromMemory(new float[inputShape[0] * outputs], [inputShape[0], outputs]);
        OrtValue[] ins = [input], outs = [result];
        return Timing.Best(() => _session.Run(_runOptions, [_inputName], ins, [_outputName], outs), repeats, warmUpMilliseconds: warmUpMilliseconds);
    }

    public void Dispose()
    {
        _runOptions.Dispose();
        _session.Dispose();
        _options.Dispose();
        File.Delete(_path);
    }
}
