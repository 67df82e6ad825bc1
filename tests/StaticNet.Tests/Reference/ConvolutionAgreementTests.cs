using System.Text.Json;
using StaticNet.Tests.Networks;

namespace StaticNet.Tests.Reference;

/// <summary>
/// The image kinds against PyTorch in float64 (tests/reference/results/conv_layers.json, made by conv_fixtures.py, which
/// writes out every Keras-to-PyTorch translation): outputs, the summed loss and every gradient, for valid and same
/// padding, stride 2, dilation 2, each pooling with padding, pooling first, batches of 1 and 8, LeNet-5, and the 1-D
/// kinds (Conv1D with stride 2, same padding and L2, dilation 2; MaxPooling1D; GlobalAveragePooling1D); and the parameters
/// after three steps of Keras's Adam.
/// </summary>
public class ConvolutionAgreementTests
{
    // Relative 1e-5 (absolute 1e-6 near zero) for outputs and loss, float32 against float64; gradients to 1e-4 of the
    // largest element, as sums over many pixels and samples of float32 products.
    private const double Relative = 1e-5;

    private static readonly JsonElement Cases =
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Reference", "results", "conv_layers.json"))).RootElement.GetProperty("cases");

    public static TheoryData<string> Names => new(Cases.EnumerateArray().Select(c => c.GetProperty("name").GetString()!));

    private static INetwork Create(string network) => network switch
    {
        "ConvValidNet" => new ConvValidNet(1),
        "ConvSameStrideNet" => new ConvSameStrideNet(1),
        "ConvDilatedNet" => new ConvDilatedNet(1),
        "PoolFirstNet" => new PoolFirstNet(1),
        "LeNet5" => new LeNet5(1),
        "Conv1DNet" => new Conv1DNet(1),
        "Conv1DGlobalNet" => new Conv1DGlobalNet(1),
        _ => throw new ArgumentException($"No network {network}."),
    };

    private static float[] Floats(JsonElement c, string name) => c.GetProperty(name).EnumerateArray().Select(v => (float)v.GetDouble()).ToArray();

    private static double[] Doubles(JsonElement c, string name) => c.GetProperty(name).EnumerateArray().Select(v => v.GetDouble()).ToArray();

    [Fact]
    public void Every_case_is_found_and_lenet_has_simplechains_parameter_count()
    {
        Assert.Equal(13, Names.Count);
        Assert.Equal(44_426, LeNet5.ParameterCount);
        Assert.Matches(@"\n conv2d_1 \(Conv2D\) +\(None, 24, 24, 6\) +156\n", LeNet5.Summary());
        Assert.Matches(@"\n max_pooling2d_2 \(MaxPooling2D\) +\(None, 4, 4, 16\) +0\n", LeNet5.Summary());
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Outputs_loss_and_gradient_match_pytorch(string name)
    {
        JsonElement c = Cases.EnumerateArray().Single(e => e.GetProperty("name").GetString() == name);
        INetwork net = Create(c.GetProperty("network").GetString()!);
        Assert.Equal(c.GetProperty("input_shape").EnumerateArray().Select(v => v.GetInt32()), net.Layers[0].InputShape);
        int batch = c.GetProperty("batch").GetInt32();
        Floats(c, "parameters").CopyTo(net.Parameters);
        float[] inputs = Floats(c, "inputs"), targets = Floats(c, "targets");

        var gradient = new float[net.ParameterCount];
        var predictions = new float[batch * net.OutputSize];
        float loss = net.TrainBatch(inputs, targets, batch, gradient, predictions, net.CreateWorkspace(batch));
        double expectedLoss = c.GetProperty("loss").GetDouble();
        Assert.True(Math.Abs(loss - expectedLoss) <= Relative * Math.Abs(expectedLoss) + 1e-6, $"{name}: loss {loss:R}, PyTorch {expectedLoss:R}");

        double[] outputs = Doubles(c, "outputs");
        var output = new float[net.OutputSize];
        for (int s = 0; s < batch; s++)
        {
            net.Forward(inputs.AsSpan(s * net.InputSize, net.InputSize), output);
            for (int o = 0; o < net.OutputSize; o++)
            {
                double expected = outputs[s * net.OutputSize + o];
                Assert.True(Math.Abs(output[o] - expected) <= Relative * Math.Abs(expected) + 1e-6, $"{name} sample {s} output {o}: {output[o]:R}, PyTorch {expected:R}");
                Assert.True(Math.Abs(predictions[s * net.OutputSize + o] - expected) <= Relative * Math.Abs(expected) + 1e-6, $"{name}: the step's prediction differs from PyTorch's");
            }
        }

        double[] expectedGradient = Doubles(c, "gradient");
        double largest = expectedGradient.Max(Math.Abs);
        Assert.True(largest > 0, $"{name}: PyTorch's gradient is zero, so the check proves nothing.");
        for (int k = 0; k < expectedGradient.Length; k++)
        {
            double error = Math.Abs(gradient[k] - expectedGradient[k]);
            Assert.True(
                error <= Math.Max(Relative * 10 * Math.Abs(expectedGradient[k]), 1e-4 * largest),
                $"{name} parameter {k}: gradient {gradient[k]:R}, PyTorch {expectedGradient[k]:R}");
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Three_adam_steps_match_pytorch(string name)
    {
        // Keras's Adam (epsilon added to sqrt(v)) on the batch's mean gradient, as Fit steps, three times on the same batch;
        // conv_fixtures.py takes the same steps in float64. A step moves a parameter by about the learning rate whatever
        // its gradient's size, so float32's rounding of the gradient mostly cancels: each parameter is held to two
        // thousandths of a step. The small networks stay within a ten-thousandth (float32's rounding of the parameter
        // itself); LeNet-5 reaches 1.2 thousandths, on parameters whose gradient is near epsilon (1e-7), where a step is in
        // proportion to the gradient and float32's error in a sum over many pixels shows.
        JsonElement c = Cases.EnumerateArray().Single(e => e.GetProperty("name").GetString() == name);
        INetwork net = Create(c.GetProperty("network").GetString()!);
        int batch = c.GetProperty("batch").GetInt32();
        Floats(c, "parameters").CopyTo(net.Parameters);
        float[] inputs = Floats(c, "inputs"), targets = Floats(c, "targets");
        JsonElement settings = c.GetProperty("adam");
        double learningRate = settings.GetProperty("learning_rate").GetDouble();
        var adam = new Adam(
            (float)learningRate,
            (float)settings.GetProperty("beta1").GetDouble(),
            (float)settings.GetProperty("beta2").GetDouble(),
            (float)settings.GetProperty("epsilon").GetDouble());
        var gradient = new float[net.ParameterCount];
        var predictions = new float[batch * net.OutputSize];
        TrainingWorkspace workspace = net.CreateWorkspace(batch);
        float[] start = net.Parameters.ToArray();
        for (int step = 1; step <= 3; step++)
        {
            Array.Clear(gradient);
            net.TrainBatch(inputs, targets, batch, gradient, predictions, workspace);
            adam.Step(net.Parameters, gradient, 1f / batch);
            double[] expected = Doubles(settings.GetProperty("after_steps"), step.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(expected.Length, net.ParameterCount);
            for (int k = 0; k < expected.Length; k++)
            {
                double error = Math.Abs(net.Parameters[k] - expected[k]);
                Assert.True(
                    error <= 2e-3 * learningRate + 1e-6 * Math.Abs(expected[k]),
                    $"{name} parameter {k} after {step} Adam step(s): {net.Parameters[k]:R}, PyTorch {expected[k]:R} (from {start[k]:R})");
            }
        }

        // The steps moved the parameters (by about a learning rate each), so the comparison was not of unchanged values.
        double moved = Enumerable.Range(0, start.Length).Max(k => Math.Abs(net.Parameters[k] - start[k]));
        Assert.True(moved >= learningRate, $"{name}: the largest change was {moved:G3}, under one learning rate");
    }
}
