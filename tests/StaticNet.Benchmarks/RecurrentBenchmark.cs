using System.Diagnostics;
using System.Globalization;
using StaticNet;

namespace StaticNet.Benchmarks;

/// <summary>RLtools's GRU training configuration: batch 32, 64 steps, an embedding of 32, 64 units (here the next token after the sequence, from 128).</summary>
[Network(Loss.SparseCategoricalCrossEntropy)]
[Input(64)]
[Embedding(128, 32)]
[GRU(64)]
[Dense(128, Activation.Softmax)]
public partial class RlToolsGruNet;

/// <summary>RTNeural's benchmark sizes: input = units, one GRU or LSTM, inference a step at a time (here a 64-step sequence per call).</summary>
[Network(Loss.MeanSquaredError)]
[Input(64, 8)]
[GRU(8, ReturnSequences = true)]
[Flatten]
[Dense(1)]
public partial class Gru8Net;

[Network(Loss.MeanSquaredError)]
[Input(64, 16)]
[GRU(16, ReturnSequences = true)]
[Flatten]
[Dense(1)]
public partial class Gru16Net;

[Network(Loss.MeanSquaredError)]
[Input(64, 32)]
[GRU(32, ReturnSequences = true)]
[Flatten]
[Dense(1)]
public partial class Gru32Net;

[Network(Loss.MeanSquaredError)]
[Input(64, 64)]
[GRU(64, ReturnSequences = true)]
[Flatten]
[Dense(1)]
public partial class Gru64Net;

[Network(Loss.MeanSquaredError)]
[Input(64, 8)]
[LSTM(8, ReturnSequences = true)]
[Flatten]
[Dense(1)]
public partial class Lstm8Net;

[Network(Loss.MeanSquaredError)]
[Input(64, 16)]
[LSTM(16, ReturnSequences = true)]
[Flatten]
[Dense(1)]
public partial class Lstm16Net;

[Network(Loss.MeanSquaredError)]
[Input(64, 32)]
[LSTM(32, ReturnSequences = true)]
[Flatten]
[Dense(1)]
public partial class Lstm32Net;

[Network(Loss.MeanSquaredError)]
[Input(64, 64)]
[LSTM(64, ReturnSequences = true)]
[Flatten]
[Dense(1)]
public partial class Lstm64Net;

/// <summary>
/// RTNeural's use and its benchmark's shape: the recurrent layer alone (its state is the output), a step at a time with
/// <c>Step</c> and a state the caller holds.
/// </summary>
[Network(Loss.MeanSquaredError)]
[Input(64, 8)]
[GRU(8)]
public partial class StreamGru8Net;

[Network(Loss.MeanSquaredError)]
[Input(64, 16)]
[GRU(16)]
public partial class StreamGru16Net;

[Network(Loss.MeanSquaredError)]
[Input(64, 32)]
[GRU(32)]
public partial class StreamGru32Net;

[Network(Loss.MeanSquaredError)]
[Input(64, 64)]
[GRU(64)]
public partial class StreamGru64Net;

[Network(Loss.MeanSquaredError)]
[Input(64, 8)]
[LSTM(8)]
public partial class StreamLstm8Net;

[Network(Loss.MeanSquaredError)]
[Input(64, 16)]
[LSTM(16)]
public partial class StreamLstm16Net;

[Network(Loss.MeanSquaredError)]
[Input(64, 32)]
[LSTM(32)]
public partial class StreamLstm32Net;

[Network(Loss.MeanSquaredError)]
[Input(64, 64)]
[LSTM(64)]
public partial class StreamLstm64Net;

/// <summary>
/// <c>recurrent</c>: GRU training at RLtools's configuration (batches a second: TrainBatch and the Adam step), and GRU and
/// LSTM inference per time step at RTNeural's sizes (one sample's Forward over 64 steps, divided by 64; the Dense reading
/// the states adds a little), beside ONNX Runtime on the same network exported (the best of its timed rounds). The
/// median of seven timed rounds after a warm-up past tiered compilation; peers.py `recurrent` runs PyTorch on the same
/// shapes.
/// </summary>
internal static class RecurrentBenchmark
{
    public static void Report(bool streamingOnly)
    {
        if (!streamingOnly)
        {
            Training();
        }

        foreach ((string name, INetwork network) in new (string, INetwork)[]
        {
            ("GRU 8", new Gru8Net(1)), ("GRU 16", new Gru16Net(1)), ("GRU 32", new Gru32Net(1)), ("GRU 64", new Gru64Net(1)),
            ("LSTM 8", new Lstm8Net(1)), ("LSTM 16", new Lstm16Net(1)), ("LSTM 32", new Lstm32Net(1)), ("LSTM 64", new Lstm64Net(1)),
        })
        {
            Inference(name, network, withOnnx: !streamingOnly);
        }

        // One step a call, as RTNeural's benchmark: the generated Step with the state in a struct.
        Streaming("GRU 8", new StreamGru8Net(1), (n, x, o) => { var s = new StreamGru8Net.StreamState(); return () => n.Step(x, o, ref s); });
        Streaming("GRU 16", new StreamGru16Net(1), (n, x, o) => { var s = new StreamGru16Net.StreamState(); return () => n.Step(x, o, ref s); });
        Streaming("GRU 32", new StreamGru32Net(1), (n, x, o) => { var s = new StreamGru32Net.StreamState(); return () => n.Step(x, o, ref s); });
        Streaming("GRU 64", new StreamGru64Net(1), (n, x, o) => { var s = new StreamGru64Net.StreamState(); return () => n.Step(x, o, ref s); });
        Streaming("LSTM 8", new StreamLstm8Net(1), (n, x, o) => { var s = new StreamLstm8Net.StreamState(); return () => n.Step(x, o, ref s); });
        Streaming("LSTM 16", new StreamLstm16Net(1), (n, x, o) => { var s = new StreamLstm16Net.StreamState(); return () => n.Step(x, o, ref s); });
        Streaming("LSTM 32", new StreamLstm32Net(1), (n, x, o) => { var s = new StreamLstm32Net.StreamState(); return () => n.Step(x, o, ref s); });
        Streaming("LSTM 64", new StreamLstm64Net(1), (n, x, o) => { var s = new StreamLstm64Net.StreamState(); return () => n.Step(x, o, ref s); });
    }

    private static void Streaming<TNetwork>(string name, TNetwork network, Func<TNetwork, float[], float[], Action> step)
        where TNetwork : INetwork
    {
        var random = new SeededRandom(4);
        float[] input = Enumerable.Range(0, network.Layers[0].InputShape[^1]).Select(_ => random.NextSingle() - 0.5f).ToArray();
        double seconds = Median(step(network, input, new float[network.OutputSize]), calls: 20_000);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name} streaming: {seconds * 1e9:F0} ns a Step call"));
    }

    private static void Training()
    {
        const int Batch = 32;
        INetwork network = new RlToolsGruNet(1);
        var random = new SeededRandom(2);
        float[] inputs = Enumerable.Range(0, Batch * 64).Select(_ => (float)random.NextInt(128)).ToArray();
        float[] targets = Enumerable.Range(0, Batch).Select(_ => (float)random.NextInt(128)).ToArray();
        TrainingWorkspace workspace = network.CreateWorkspace(Batch);
        var gradient = new float[network.ParameterCount];
        var predictions = new float[Batch * network.OutputSize];
        var adam = new Adam(0.001f);
        void Step()
        {
            Array.Clear(gradient);
            network.TrainBatch(inputs, targets, Batch, gradient, predictions, workspace);
            adam.Step(network.Parameters, gradient, 1f / Batch);
        }

        double seconds = Median(Step, calls: 60);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"GRU training (batch 32, 64 steps, embedding 32, 64 units): {1 / seconds:F1} batches/s, {seconds * 1e3:F2} ms a batch"));
    }

    private static void Inference(string name, INetwork network, bool withOnnx)
    {
        var random = new SeededRandom(3);
        float[] input = Enumerable.Range(0, network.InputSize).Select(_ => random.NextSingle() - 0.5f).ToArray();
        var output = new float[network.OutputSize];
        double seconds = Median(() => network.Forward(input, output), calls: 2_000);
        if (!withOnnx)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: {seconds * 1e9 / 64:F0} ns a step (Forward over 64 steps)"));
            return;
        }

        // ONNX Runtime on the same network exported (its GRU or LSTM node), one sequence a run, one thread.
        using var onnx = new OnnxPeer(network, name.Replace(' ', '-'));
        double onnxSeconds = onnx.Time(input, [1, 64, network.Layers[0].InputShape[^1]], network.OutputSize, repeats: 2_000, warmUpMilliseconds: 300);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: {seconds * 1e9 / 64:F0} ns a step (Forward over 64 steps); ONNX Runtime {onnxSeconds * 1e9 / 64:F0} ns a step"));
    }

    private static double Median(Action action, int calls)
    {
        // Past tier 0 by time, not by calls: tiered compilation waits 100 ms after the last new tier-0 method before it
        // counts calls, so a short step (100 ns) warmed by a few thousand calls was still timed in tier-0 code.
        var warmUp = Stopwatch.StartNew();
        for (int i = 0; i < calls * 3 || warmUp.ElapsedMilliseconds < 500; i++)
        {
            action();
        }

        var rounds = new double[7];
        for (int r = 0; r < rounds.Length; r++)
        {
            long start = Stopwatch.GetTimestamp();
            for (int i = 0; i < calls; i++)
            {
                action();
            }

            rounds[r] = Stopwatch.GetElapsedTime(start).TotalSeconds / calls;
        }

        Array.Sort(rounds);
        return rounds[3];
    }
}
