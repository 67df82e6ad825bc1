using Microsoft.CodeAnalysis;
using StaticNet.Generator.Planning;
using StaticNet.Generator.Tests.Infrastructure;
using static StaticNet.Generator.Tests.Infrastructure.Declarations;

namespace StaticNet.Generator.Tests;

/// <summary>
/// Every layer kind first (before any layer with parameters), last and alone beside one Dense layer compiles in every
/// generated method, and the network's output is whatever its last layer's kind ends with.
/// </summary>
public class LayerPositionTests
{
    public static TheoryData<string, string> Positions => new()
    {
        { "SparseCategoricalCrossEntropy", "[Dropout(0.3)][Dense(3, Activation.Softmax)]" },
        { "SparseCategoricalCrossEntropy", "[BatchNormalization][Dense(3, Activation.Softmax)]" },
        { "SparseCategoricalCrossEntropy", "[Activation(Activation.Tanh)][Dense(3, Activation.Softmax)]" },
        { "SparseCategoricalCrossEntropy", "[GaussianNoise(0.1)][Dense(3, Activation.Softmax)]" },
        { "MeanSquaredError", "[Dense(5, Activation.ReLU)][Dropout(0.2)]" },
        { "MeanSquaredError", "[Dense(5, Activation.Tanh)][BatchNormalization]" },
        { "BinaryCrossEntropy", "[Dense(1)][Activation(Activation.Sigmoid)]" },
        { "SparseCategoricalCrossEntropy", "[Dense(3)][Activation(Activation.Softmax)]" },
        { "MeanSquaredError", "[Dense(5, Activation.ReLU)][GaussianNoise(0.2)]" },
        { "MeanSquaredError", "[Activation(Activation.LeakyReLU, NegativeSlope = 0.1)][Dense(2)][Activation(Activation.Tanh)]" },
        { "CategoricalCrossEntropy", "[GaussianNoise(0.1)][Activation(Activation.ReLU)][BatchNormalization][Dense(4)][Dropout(0.5)][Activation(Activation.Softmax)]" },
    };

    [Theory]
    [MemberData(nameof(Positions))]
    public void Each_kind_first_last_and_beside_one_dense_layer_compiles_without_a_warning(string loss, string layers)
    {
        string source = $"using StaticNet;\nnamespace Samples;\n/// <summary>A network.</summary>\n[Network(Loss.{loss})]\n[Input(4)]\n{layers}\npublic partial class PositionNet;";
        Assert.Empty(GeneratorHarness.Analyze(source));
        var (result, output) = GeneratorHarness.Run(source);
        Assert.Single(result.GeneratedSources);
        Assert.Empty(GeneratorHarness.Problems(output));
    }

    [Theory]
    [InlineData("[Input(28, 28, 1)][Flatten][Dense(10, Activation.Softmax)]")]
    [InlineData("[Input(32, 32, 3)][Conv2D(8, 3, 3, Activation.ReLU, Padding = Padding.Same)][GlobalMaxPooling2D][Dense(10, Activation.Softmax)]")]
    [InlineData("[Input(12, 12, 1)][GlobalAveragePooling2D][Dense(10, Activation.Softmax)]")]
    [InlineData("[Input(100, 3)][Conv1D(8, 5, Activation.ReLU, Padding = Padding.Same)][MaxPooling1D(2)][Conv1D(8, 3, Activation.ReLU, DilationRate = 2)][GlobalAveragePooling1D][Dense(10, Activation.Softmax)]")]
    [InlineData("[Input(20, 4)][BatchNormalization][MaxPooling1D(3, Strides = 2, Padding = Padding.Same)][Flatten][Dense(10, Activation.Softmax)]")]
    [InlineData("[Input(12, 12, 3)][RandomFlip(FlipMode.Horizontal)][Conv2D(4, 3, 3, Activation.ReLU)][RandomFlip][GlobalAveragePooling2D][Dense(10, Activation.Softmax)]")]
    [InlineData("[Input(12, 12, 3)][RandomTranslation(0.1, 0.2)][Conv2D(4, 3, 3, Activation.ReLU)][RandomTranslation(0.5, 0.5, FillMode = FillMode.Wrap, Interpolation = Interpolation.Nearest)][Flatten][Dense(10, Activation.Softmax)]")]
    [InlineData("[Input(3, 4, 2)][BatchNormalization][Activation(Activation.ReLU)][Dropout(0.2)][GaussianNoise(0.1)][Flatten][Dense(10, Activation.Softmax)]")]
    [InlineData("[Input(20, 3)][Flatten][Dense(4, Activation.ReLU)][Dense(10)][Activation(Activation.Softmax)]")]
    [InlineData("[Input(4)][Dense(10)][Flatten][Activation(Activation.Softmax)]")]
    [InlineData("[Input(28, 28, 1)][Conv2D(6, 5, 5, Activation.ReLU)][MaxPooling2D(2, 2)][Conv2D(16, 5, 5, Activation.ReLU)][MaxPooling2D(2, 2)][Flatten][Dense(120, Activation.ReLU)][Dense(84, Activation.ReLU)][Dense(10, Activation.Softmax)]")]
    [InlineData("[Input(12, 15, 3)][AveragePooling2D(2, 3, Padding = Padding.Same)][Conv2D(4, 3, 3, Activation.LeakyReLU, DilationRate = 2, L1 = 0.01)][BatchNormalization][Dropout(0.25)][Flatten][Dense(10, Activation.Softmax)]")]
    [InlineData("[Input(10, 20, 1)][Conv2D(7, 3, 3, Activation.ReLU)][Flatten][Dense(10, Activation.Softmax)]")]
    [InlineData("[Input(10, 20, 1)][Conv2D(8, 3, 3, Activation.ReLU)][Flatten][Dense(10, Activation.Softmax)]")]
    [InlineData("[Input(10, 20, 1)][Conv2D(2, 3, 3)][Flatten][Dense(10, Activation.Softmax)]")]
    [InlineData("[Input(6, 40, 1)][Conv2D(1, 2, 2, Activation.Tanh)][Flatten][Dense(10, Activation.Softmax)]")]
    [InlineData("[Input(40, 1)][Conv1D(5, 3, Activation.ReLU)][Flatten][Dense(10, Activation.Softmax)]")]
    [InlineData("[Input(20)][Embedding(100, 8)][GlobalMaxPooling1D][Dense(10, Activation.Softmax)]")]
    [InlineData("[Input(20)][Embedding(100, 8)][GRU(16, ReturnSequences = true)][LSTM(8)][Dense(10, Activation.Softmax)]")]
    [InlineData("[Input(30, 2)][SimpleRNN(4, Activation = Activation.ReLU, ReturnSequences = true)][BatchNormalization][GRU(6, ResetAfter = false, ReturnSequences = true)][Dropout(0.2)][Conv1D(4, 3)][Flatten][Dense(10, Activation.Softmax)]")]
    [InlineData("[Input(5, 3)][LSTM(7, UnitForgetBias = false, RecurrentActivation = Activation.HardSigmoid)][Dense(10, Activation.Softmax)]")]
    [InlineData("[Input(9)][Embedding(30, 4)][GRU(5, Bidirectional = true, ReturnSequences = true, ResetAfter = false)][SimpleRNN(3, Bidirectional = true)][Dense(10, Activation.Softmax)]")]
    public void Inputs_of_rank_two_and_three_compile_through_each_kind(string layers)
    {
        string source = $"using StaticNet;\nnamespace Samples;\n/// <summary>A network.</summary>\n[Network(Loss.SparseCategoricalCrossEntropy)]\n{layers}\npublic partial class ShapedNet;";
        Assert.Empty(GeneratorHarness.Analyze(source));
        var (_, output) = GeneratorHarness.Run(source);
        Assert.Empty(GeneratorHarness.Problems(output));
    }

    [Theory]
    [InlineData("[Input(28, 0, 1)]", "The input's width must be at least 1, but is 0")]
    [InlineData("[Input(-5, 3)]", "The input's steps must be at least 1, but is -5")]
    [InlineData("[Input(0)]", "The input size must be at least 1, but is 0")]
    public void Each_dimension_of_the_input_must_be_positive(string input, string message)
    {
        string source = $"using StaticNet;\n[Network(Loss.MeanSquaredError)]{input}[Flatten][Dense(1)] public partial class BadNet;";
        Microsoft.CodeAnalysis.Diagnostic diagnostic = Assert.Single(GeneratorHarness.Analyze(source));
        Assert.Equal("SNET0005", diagnostic.Id);
        Assert.Equal(message, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("[Input(28, 28, 1)][MaxPooling2D(0, 2)][Flatten][Dense(1)]", "SNET0033")]
    [InlineData("[Input(28, 28, 1)][AveragePooling2D(2, 2, Strides = -1)][Flatten][Dense(1)]", "SNET0033")]
    [InlineData("[Input(28, 28, 1)][Conv2D(0, 3, 3)][Flatten][Dense(1)]", "SNET0005")]
    [InlineData("[Input(28, 28, 1)][Conv2D(2, 3, 3, DilationRate = 0)][Flatten][Dense(1)]", "SNET0033")]
    [InlineData("[Input(10, 3)][MaxPooling2D(2, 2)][Flatten][Dense(1)]", "SNET0034")]
    [InlineData("[Input(30)][GlobalAveragePooling2D][Dense(1)]", "SNET0034")]
    [InlineData("[Input(30)][RandomFlip][Dense(1)]", "SNET0034")]
    [InlineData("[Input(30, 2)][RandomTranslation(0.1, 0.1)][Flatten][Dense(1)]", "SNET0034")]
    [InlineData("[Input(8, 8, 1)][RandomTranslation(-0.1, 0.1)][Flatten][Dense(1)]", "SNET0039")]
    [InlineData("[Input(8, 8, 1)][RandomTranslation(0.1, double.NaN)][Flatten][Dense(1)]", "SNET0039")]
    [InlineData("[Input(8, 8, 1)][RandomTranslation(0.1, 0.1, FillMode = (FillMode)4)][Flatten][Dense(1)]", "SNET0013")]
    [InlineData("[Input(8, 8, 1)][RandomTranslation(0.1, 0.1, Interpolation = (Interpolation)2)][Flatten][Dense(1)]", "SNET0013")]
    [InlineData("[Input(8, 8, 1)][RandomTranslation(0.1, 0.1, FillValue = 1e300)][Flatten][Dense(1)]", "SNET0040")]
    [InlineData("[Input(30)][GlobalAveragePooling1D][Dense(1)]", "SNET0038")]
    [InlineData("[Input(4, 4, 1)][MaxPooling1D(2)][Flatten][Dense(1)]", "SNET0038")]
    [InlineData("[Input(3, 2)][Conv1D(2, 4)][Flatten][Dense(1)]", "SNET0035")]
    [InlineData("[Input(30, 2)][Conv1D(2, 3, Strides = 2, DilationRate = 2)][Flatten][Dense(1)]", "SNET0036")]
    [InlineData("[Input(30, 2)][MaxPooling1D(0)][Flatten][Dense(1)]", "SNET0033")]
    [InlineData("[Input(4, 4, 1)][RandomFlip((FlipMode)5)][Flatten][Dense(1)]", "SNET0013")]
    [InlineData("[Input(3, 3, 2)][MaxPooling2D(4, 1)][Flatten][Dense(1)]", "SNET0035")]
    [InlineData("[Input(3, 3, 2)][Conv2D(2, 2, 2, Padding = (Padding)7)][Flatten][Dense(1)]", "SNET0013")]
    [InlineData("[Input(8, 8, 2)][Conv2D(2, 3, 3, L2 = double.NaN)][Flatten][Dense(1)]", "SNET0018")]
    public void Each_invalid_window_gets_one_diagnostic_on_its_attribute(string layers, string id)
    {
        string source = $"using StaticNet;\n[Network(Loss.MeanSquaredError)]{layers} public partial class BadNet;";
        Microsoft.CodeAnalysis.Diagnostic diagnostic = Assert.Single(GeneratorHarness.Analyze(source));
        Assert.Equal(id, diagnostic.Id);
    }

    [Fact]
    public void A_same_padded_strided_window_pads_as_tensorflow_does()
    {
        // 8 columns, a 3-wide kernel, stride 2: 4 outputs need 9 columns, so one column of padding, on the right.
        NetworkPlan plan = Plan(Loss.MeanSquaredError, [Input(7, 8, 3), DeclaredLayer("Conv2D", ("filters", 4), ("kernelHeight", 3), ("kernelWidth", 3), ("activation", 0), ("Strides", 2), ("Padding", 1)), Flatten(), Dense(1)]);
        var conv = (Layers.Conv2D.Conv2DLayer)plan.Layers[0].Layer;
        Assert.Equal((4, 4, 1, 0), (conv.Window.OutputHeight, conv.Window.OutputWidth, conv.Window.PadTop, conv.Window.PadLeft));
        Assert.Equal([4, 4, 4], conv.Output.Dimensions);
        Assert.Equal((Model.Window2DGeometry.Axis(8, 3, 2, 1, Padding.Same)), (4, 0));
        Assert.Equal((Model.Window2DGeometry.Axis(5, 2, 2, 1, Padding.Same)), (3, 0));
        Assert.Equal((Model.Window2DGeometry.Axis(9, 3, 1, 2, Padding.Valid)), (5, 0));
        Assert.Equal((Model.Window2DGeometry.Axis(4, 5, 1, 1, Padding.Valid)), (0, 0));
    }

    private static Parsing.DeclaredLayer DeclaredLayer(string type, params (string Name, double Value)[] arguments) => Parsing.DeclaredLayer.Create(type, arguments);

    [Fact]
    public void Batch_normalisation_of_an_image_keeps_one_value_per_channel_and_normalises_each_pixel()
    {
        NetworkPlan plan = Plan(Loss.MeanSquaredError, [Input(3, 4, 2), BatchNormalization(), Flatten(), Dense(1)]);
        Assert.Equal([2, 2], plan.Layers[0].Tensors.Where(t => t.Tensor.Trainable).Select(t => t.Tensor.Size));
        Assert.Equal(24, plan.Workspace.Single(s => s.Local == "batchNormalization1Normalized").Floats);
        Assert.Equal(2, plan.Workspace.Single(s => s.Local == "batchNormalization1InverseStd").Floats);
        Assert.True(plan.Layers[1].IdentityInInference && plan.Layers[1].IdentityInTraining);
    }

    [Fact]
    public void The_output_activation_is_the_last_layers_trailing_activation_whatever_its_kind()
    {
        // [Dense(1)] [Activation(Sigmoid)]: the Activation layer is skipped in every pass, the Dense writes the logits, and
        // the sigmoid is the network's (fused into the loss).
        NetworkPlan binary = Plan(Loss.BinaryCrossEntropy, [Input(3), Dense(1), Activation(StaticNet.Activation.Sigmoid)]);
        Assert.Equal(StaticNet.Activation.Sigmoid, binary.OutputActivation);
        Assert.True(binary.Layers[1].IdentityInInference);
        Assert.True(binary.Layers[1].IdentityInTraining);
        Assert.False(binary.Layers[0].DefersActivation);
        Assert.Equal(0, NetworkPlanner.LastEffective(binary.Layers, training: true));

        // Dense → Dropout: the Dense applies its own activation (the Dropout is last), and the network ends linearly.
        NetworkPlan dropout = Plan(Loss.MeanSquaredError, [Input(3), Dense(5, StaticNet.Activation.ReLU), Dropout(0.2)]);
        Assert.Equal(StaticNet.Activation.Linear, dropout.OutputActivation);
        Assert.False(dropout.Layers[0].DefersActivation);
        Assert.True(dropout.Layers[1].DefersActivation);

        // The loss rule reads the same answer: a ReLU Activation layer does not end a classifier.
        Assert.Contains(
            Check(Loss.SparseCategoricalCrossEntropy, [Input(3), Dense(3), Activation(StaticNet.Activation.ReLU)]),
            p => p.Descriptor == Diagnostics.DiagnosticDescriptors.LossDoesNotFitOutput);
        Assert.Empty(Check(Loss.SparseCategoricalCrossEntropy, [Input(3), Dense(3), Activation(StaticNet.Activation.Softmax)]));
    }

    [Fact]
    public void A_parameter_free_layer_first_gets_a_one_sample_gradient_buffer_for_input_gradients_only()
    {
        // The Activation layer has no backward pass in a step (nothing before it trains), but InputGradient carries the
        // gradient through it: a per-call buffer, so the step's per-sample rows and tile are what they were.
        NetworkPlan first = Plan(Loss.MeanSquaredError, [Input(4), Activation(StaticNet.Activation.Tanh), Dense(2)]);
        Assert.False(first.Layers[0].RunsBackward);
        WorkspaceSlot slot = Assert.Single(first.Workspace, s => s.Local == "activation1Gradient");
        Assert.False(slot.PerSample);
        Assert.Equal(4, slot.Floats);
        NetworkPlan without = Plan(Loss.MeanSquaredError, [Input(4), Dense(2)]);
        // The Activation layer's output adds 4 floats a sample; without it the network runs its batch Forward in lanes,
        // whose buffer of the 4 inputs in lanes adds as many.
        Assert.True(without.InferenceInLanes);
        Assert.False(first.InferenceInLanes);
        int inputLanes = Assert.Single(without.Workspace, s => s.Local == NetworkPlanner.InputLanes).Floats;
        Assert.Equal(without.WorkspacePerSample - inputLanes + 4, first.WorkspacePerSample);
        Assert.Equal(without.BatchTile, first.BatchTile);
    }
}
