using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using StaticNet.Generator.Tests.Infrastructure;

namespace StaticNet.Generator.Tests;

/// <summary>Each invalid declaration: its own diagnostic ID and severity, underlining the attribute or class name at fault.</summary>
public class DiagnosticTests
{
    public static TheoryData<string, string, DiagnosticSeverity, string> Cases => new()
    {
        {
            "SNET0001", """
            [Network(Loss.MeanSquaredError)]
            [Input(1)]
            [Dense(1)]
            public class NotPartialNet;
            """, DiagnosticSeverity.Error, "NotPartialNet"
        },
        {
            "SNET0002", """
            [Network(Loss.MeanSquaredError)]
            [Dense(1)]
            public partial class NoInputNet;
            """, DiagnosticSeverity.Error, "Network(Loss.MeanSquaredError)"
        },
        {
            "SNET0003", """
            [Network(Loss.MeanSquaredError)]
            [Dense(2)]
            [Input(1)]
            [Dense(1)]
            public partial class LateInputNet;
            """, DiagnosticSeverity.Error, "Input(1)"
        },
        {
            "SNET0004", """
            [Network(Loss.MeanSquaredError)]
            [Input(1)]
            [Input(2)]
            [Dense(1)]
            public partial class TwoInputsNet;
            """, DiagnosticSeverity.Error, "Input(2)"
        },
        {
            "SNET0005", """
            [Network(Loss.MeanSquaredError)]
            [Input(3)]
            [Dense(-3)]
            [Dense(1)]
            public partial class NegativeUnitsNet;
            """, DiagnosticSeverity.Error, "Dense(-3)"
        },
        {
            "SNET0006", """
            [Network(Loss.SparseCategoricalCrossEntropy)]
            [Input(3)]
            [Dense(4, Activation.Softmax)]
            [Dense(3, Activation.Softmax)]
            public partial class EarlySoftmaxNet;
            """, DiagnosticSeverity.Error, "Dense(4, Activation.Softmax)"
        },
        {
            "SNET0007", """
            [Network(Loss.SparseCategoricalCrossEntropy)]
            [Input(3)]
            [Dense(1)]
            public partial class MisfitLossNet;
            """, DiagnosticSeverity.Error, "Network(Loss.SparseCategoricalCrossEntropy)"
        },
        {
            "SNET0008", """
            [Network(Loss.MeanSquaredError)]
            [Input(1)]
            [Dense(1)]
            public partial class GenericNet<T>;
            """, DiagnosticSeverity.Error, "GenericNet"
        },
        {
            "SNET0009", """
            [Network(Loss.MeanSquaredError)]
            [Input(1)]
            [Dense(2)]
            public partial class SplitNet;

            [Dense(1)]
            public partial class SplitNet;
            """, DiagnosticSeverity.Error, "Dense(1)"
        },
        {
            "SNET0010", """
            [Network(Loss.MeanSquaredError)]
            [Input(1)]
            public partial class EmptyNet;
            """, DiagnosticSeverity.Error, "Network(Loss.MeanSquaredError)"
        },
        {
            "SNET0011", """
            public class Outer
            {
                [Network(Loss.MeanSquaredError)]
                [Input(1)]
                [Dense(1)]
                public partial class InnerNet;
            }
            """, DiagnosticSeverity.Error, "InnerNet"
        },
        {
            "SNET0012", """
            [Network(Loss.MeanSquaredError)]
            [Input(1)]
            [Dense(1)]
            public static partial class StaticNetwork;
            """, DiagnosticSeverity.Error, "StaticNetwork"
        },
        {
            "SNET0013", """
            [Network(Loss.MeanSquaredError)]
            [Input(1)]
            [Dense(1, (Activation)42)]
            public partial class UnknownActivationNet;
            """, DiagnosticSeverity.Error, "Dense(1, (Activation)42)"
        },
        {
            "SNET0014", """
            [Network(Loss.MeanSquaredError)]
            [Input(1)]
            [Dense(4, Activation.LeakyReLU, NegativeSlope = 1.5f)]
            [Dense(1)]
            public partial class SteepSlopeNet;
            """, DiagnosticSeverity.Error, "Dense(4, Activation.LeakyReLU, NegativeSlope = 1.5f)"
        },
        {
            "SNET0015", """
            [Network(Loss.MeanSquaredError)]
            [Input(2)]
            [Dense(1, Activation.Softmax)]
            public partial class ConstantNet;
            """, DiagnosticSeverity.Warning, "Dense(1, Activation.Softmax)"
        },
        {
            "SNET0016", """
            [Network(Loss.MeanSquaredError)]
            [Input(100000)]
            [Dense(2000)]
            [Dense(1)]
            public partial class HugeNet;
            """, DiagnosticSeverity.Error, "Network(Loss.MeanSquaredError)"
        },
        {
            "SNET0017", """
            [Network(Loss.MeanSquaredError, Strategy = CodeStrategy.Unrolled)]
            [Input(4)]
            [Dense(8, Activation.ReLU)]
            [Dense(100)]
            public partial class TooBigToUnrollNet;
            """, DiagnosticSeverity.Warning, "Dense(100)"
        },
        {
            "SNET0018", """
            [Network(Loss.MeanSquaredError)]
            [Input(3)]
            [Dense(4, Activation.ReLU, L2 = -1e-4)]
            [Dense(1)]
            public partial class NegativeDecayNet;
            """, DiagnosticSeverity.Error, "Dense(4, Activation.ReLU, L2 = -1e-4)"
        },
        {
            "SNET0019", """
            [Network(Loss.MeanSquaredError)]
            [Input(3)]
            [Dense(4, Activation.ReLU)]
            [Dropout(1.0)]
            [Dense(1)]
            public partial class DropEverythingNet;
            """, DiagnosticSeverity.Error, "Dropout(1.0)"
        },
        {
            "SNET0020", """
            [Network(Loss.MeanSquaredError)]
            [Input(3)]
            [Dense(4)]
            [BatchNormalization(Momentum = 1.5)]
            [Dense(1)]
            public partial class RunawayMomentumNet;
            """, DiagnosticSeverity.Error, "BatchNormalization(Momentum = 1.5)"
        },
        {
            "SNET0022", """
            [Network(Loss.MeanSquaredError)]
            [Input(3)]
            [Dense(1)]
            file partial class FileLocalNet;
            """, DiagnosticSeverity.Error, "FileLocalNet"
        },
        {
            "SNET0023", """
            [Network(Loss.MeanSquaredError)]
            [Input(3)]
            [Dense(1)]
            public partial class Summary;
            """, DiagnosticSeverity.Error, "Summary"
        },
        {
            "SNET0024", """
            [Network(Loss.MeanSquaredError)]
            [Input(3)]
            [Dense(1)]
            public partial class CollidingNet
            {
                public const int InputSize = 3;
            }
            """, DiagnosticSeverity.Error, "InputSize"
        },
        {
            "SNET0025", """
            [Network(Loss.MeanSquaredError)]
            [Input(3)]
            [Dense(1)]
            public partial class PrimaryNet(int size);
            """, DiagnosticSeverity.Error, "PrimaryNet"
        },
        {
            "SNET0026", """
            public abstract class Model(string name) { public string Name { get; } = name; }
            [Network(Loss.MeanSquaredError)]
            [Input(3)]
            [Dense(1)]
            public partial class DerivedNet : Model;
            """, DiagnosticSeverity.Error, "DerivedNet"
        },
        {
            "SNET0027", """
            [Network(Loss.MeanSquaredError)]
            [Input(3)]
            [Dense(1)]
            public partial class BaseNet;
            [Network(Loss.MeanSquaredError)]
            [Input(3)]
            [Dense(1)]
            public partial class ChildNet : BaseNet;
            """, DiagnosticSeverity.Error, "ChildNet"
        },
        {
            "SNET0028", """
            [Input(3)]
            [Dense(1)]
            public partial class ForgottenNet;
            """, DiagnosticSeverity.Warning, "Input(3)"
        },
        {
            "SNET0029", """
            [Network(Loss.MeanSquaredError)]
            [Input(3)]
            [Dense(4, Activation.ReLU, NegativeSlope = 0.1)]
            [Dense(1)]
            public partial class SlopeNet;
            """, DiagnosticSeverity.Warning, "Dense(4, Activation.ReLU, NegativeSlope = 0.1)"
        },
        {
            "SNET0030", "[Network(Loss.MeanSquaredError)]\n[Input(3)]\n" + string.Concat(Enumerable.Repeat("[Dense(2)]\n", 101)) + "public partial class DeepNet;",
            DiagnosticSeverity.Error, "Network(Loss.MeanSquaredError)"
        },
        {
            "SNET0031", """
            [Network(Loss.MeanSquaredError)]
            [Input(3)]
            [GaussianNoise(-0.5)]
            [Dense(1)]
            public partial class NegativeNoiseNet;
            """, DiagnosticSeverity.Error, "GaussianNoise(-0.5)"
        },
        {
            "SNET0032", """
            [Network(Loss.MeanSquaredError)]
            [Input(28, 28, 1)]
            [Dense(10)]
            public partial class UnflattenedNet;
            """, DiagnosticSeverity.Error, "Dense(10)"
        },
        {
            "SNET0033", """
            [Network(Loss.MeanSquaredError)]
            [Input(28, 28, 1)]
            [Conv2D(6, 5, 5, Strides = 0)]
            [Flatten]
            [Dense(1)]
            public partial class StandingStillNet;
            """, DiagnosticSeverity.Error, "Conv2D(6, 5, 5, Strides = 0)"
        },
        {
            "SNET0034", """
            [Network(Loss.MeanSquaredError)]
            [Input(784)]
            [Conv2D(6, 5, 5)]
            [Flatten]
            [Dense(1)]
            public partial class FlatImageNet;
            """, DiagnosticSeverity.Error, "Conv2D(6, 5, 5)"
        },
        {
            "SNET0035", """
            [Network(Loss.MeanSquaredError)]
            [Input(4, 4, 1)]
            [Conv2D(2, 5, 5)]
            [Flatten]
            [Dense(1)]
            public partial class OversizedKernelNet;
            """, DiagnosticSeverity.Error, "Conv2D(2, 5, 5)"
        },
        {
            "SNET0036", """
            [Network(Loss.MeanSquaredError)]
            [Input(16, 16, 1)]
            [Conv2D(2, 3, 3, Strides = 2, DilationRate = 2)]
            [Flatten]
            [Dense(1)]
            public partial class StridedDilatedNet;
            """, DiagnosticSeverity.Error, "Conv2D(2, 3, 3, Strides = 2, DilationRate = 2)"
        },
        {
            "SNET0037", """
            [Network(Loss.MeanSquaredError)]
            [Input(8, 8, 1)]
            [Conv2D(2, 3, 3, Activation.Softmax)]
            [Flatten]
            [Dense(1)]
            public partial class SoftImageNet;
            """, DiagnosticSeverity.Error, "Conv2D(2, 3, 3, Activation.Softmax)"
        },
        {
            "SNET0038", """
            [Network(Loss.MeanSquaredError)]
            [Input(28, 28, 1)]
            [Conv1D(4, 3)]
            [Flatten]
            [Dense(1)]
            public partial class ImageAsSequenceNet;
            """, DiagnosticSeverity.Error, "Conv1D(4, 3)"
        },
        {
            "SNET0039", """
            [Network(Loss.MeanSquaredError)]
            [Input(28, 28, 1)]
            [RandomTranslation(0.1, 1.5)]
            [Flatten]
            [Dense(1)]
            public partial class FarShiftNet;
            """, DiagnosticSeverity.Error, "RandomTranslation(0.1, 1.5)"
        },
        {
            "SNET0040", """
            [Network(Loss.MeanSquaredError)]
            [Input(28, 28, 1)]
            [RandomTranslation(0.1, 0.1, FillMode = FillMode.Constant, FillValue = double.NaN)]
            [Flatten]
            [Dense(1)]
            public partial class NaNFillNet;
            """, DiagnosticSeverity.Error, "RandomTranslation(0.1, 0.1, FillMode = FillMode.Constant, FillValue = double.NaN)"
        },
        {
            "SNET0041", """
            [Network(Loss.Huber, HuberDelta = -1)]
            [Input(3)]
            [Dense(1)]
            public partial class NegativeDeltaNet;
            """, DiagnosticSeverity.Error, "Network(Loss.Huber, HuberDelta = -1)"
        },
        {
            "SNET0042", """
            [Network(Loss.MeanSquaredError, HuberDelta = 2)]
            [Input(3)]
            [Dense(1)]
            public partial class StrayDeltaNet;
            """, DiagnosticSeverity.Warning, "Network(Loss.MeanSquaredError, HuberDelta = 2)"
        },
        {
            "SNET0043", """
            [Network(Loss.MeanSquaredError)]
            [Input(3)]
            [Dense(8, Activation.GELU)]
            [Dense(1)]
            public partial class FusedGeluNet;
            """, DiagnosticSeverity.Error, "Dense(8, Activation.GELU)"
        },
        {
            "SNET0044", """
            [Network(Loss.MeanSquaredError)]
            [Input(3)]
            [Dense(8)]
            [Activation(Activation.SiLU)]
            public partial class SiluOutputNet;
            """, DiagnosticSeverity.Error, "Activation(Activation.SiLU)"
        },
        {
            "SNET0045", """
            [Network(Loss.MeanSquaredError)]
            [Input(8)]
            [Dense(8)]
            [Embedding(10, 4)]
            [Flatten]
            [Dense(1)]
            public partial class EmbeddingSecondNet;
            """, DiagnosticSeverity.Error, "Embedding(10, 4)"
        },
        {
            "SNET0046", """
            [Network(Loss.MeanSquaredError)]
            [Input(8, 2)]
            [Embedding(10, 4)]
            [Flatten]
            [Dense(1)]
            public partial class EmbeddingOfVectorsNet;
            """, DiagnosticSeverity.Error, "Embedding(10, 4)"
        },
        {
            "SNET0047", """
            [Network(Loss.MeanSquaredError)]
            [Input(8, 2)]
            [GRU(4, RecurrentActivation = Activation.Softmax)]
            [Dense(1)]
            public partial class SoftmaxGateNet;
            """, DiagnosticSeverity.Error, "GRU(4, RecurrentActivation = Activation.Softmax)"
        },
        {
            "SNET0048", """
            [Network(Loss.SparseCategoricalCrossEntropy)]
            [Input(8, 2)]
            [LSTM(4, ReturnSequences = true)]
            [Dense(3, Activation.Softmax)]
            public partial class TaggerNet;
            """, DiagnosticSeverity.Error, "Dense(3, Activation.Softmax)"
        },
        {
            "SNET0049", """
            [Network(Loss.MeanSquaredError)]
            [Input(8)]
            [Embedding(20, 4, MaskZero = true)]
            [Flatten]
            [Dense(1)]
            public partial class FlatMaskNet;
            """, DiagnosticSeverity.Error, "Flatten"
        },
    };

    [Theory]
    [InlineData("SNET0018", "[Dense(4, L1 = double.NaN)]")]
    [InlineData("SNET0018", "[Dense(4, L2 = double.PositiveInfinity)]")]
    [InlineData("SNET0018", "[Dense(4, L1 = 1e300)]")]
    [InlineData("SNET0019", "[Dense(4)][Dropout(double.NaN)]")]
    [InlineData("SNET0019", "[Dense(4)][Dropout(-0.1)]")]
    [InlineData("SNET0020", "[Dense(4)][BatchNormalization(Momentum = double.NaN)]")]
    [InlineData("SNET0020", "[Dense(4)][BatchNormalization(Momentum = -0.01)]")]
    [InlineData("SNET0020", "[Dense(4)][BatchNormalization(Epsilon = 0)]")]
    [InlineData("SNET0020", "[Dense(4)][BatchNormalization(Epsilon = -1e-3)]")]
    [InlineData("SNET0020", "[Dense(4)][BatchNormalization(Epsilon = 1e-50)]")]
    [InlineData("SNET0020", "[Dense(4)][BatchNormalization(Epsilon = double.PositiveInfinity)]")]
    [InlineData("SNET0031", "[Dense(4)][GaussianNoise(double.NaN)]")]
    [InlineData("SNET0031", "[GaussianNoise(double.PositiveInfinity)]")]
    [InlineData("SNET0031", "[GaussianNoise(-1e-9)]")]
    [InlineData("SNET0006", "[Dense(4)][Activation(Activation.Softmax)]")]
    [InlineData("SNET0013", "[Activation((Activation)42)]")]
    [InlineData("SNET0014", "[Dense(4)][Activation(Activation.LeakyReLU, NegativeSlope = 1.5)]")]
    [InlineData("SNET0005", "[Embedding(0, 4)][Flatten]")]
    [InlineData("SNET0005", "[Embedding(10, -1)][GlobalMaxPooling1D]")]
    [InlineData("SNET0013", "[Embedding(10, 4, EmbeddingsInitializer = (Initializer)42)][GlobalAveragePooling1D]")]
    [InlineData("SNET0038", "[GlobalMaxPooling1D]")]
    [InlineData("SNET0038", "[LSTM(4)]")]
    [InlineData("SNET0038", "[Embedding(5, 2)][GRU(3)][GRU(2)]")] // the first gives its last state only: no sequence for the second
    [InlineData("SNET0005", "[Embedding(5, 2)][SimpleRNN(0)]")]
    [InlineData("SNET0047", "[Embedding(5, 2)][SimpleRNN(2, Activation = Activation.GELU)]")]
    [InlineData("SNET0047", "[Embedding(5, 2)][LSTM(2, Activation = Activation.LeakyReLU)]")]
    [InlineData("SNET0013", "[Embedding(5, 2)][LSTM(2, RecurrentActivation = (Activation)99)]")]
    [InlineData("SNET0018", "[Embedding(5, 2)][GRU(2, L2 = -1)]")]
    [InlineData("SNET0049", "[Embedding(5, 2, MaskZero = true)][Conv1D(2, 2)][GlobalAveragePooling1D]")]
    [InlineData("SNET0049", "[Embedding(5, 2, MaskZero = true)][GlobalMaxPooling1D]")]
    [InlineData("SNET0049", "[Embedding(5, 2, MaskZero = true)][GRU(2, ReturnSequences = true)]")] // on to the loss, through the Dense on each step
    [InlineData("SNET0049", "[Embedding(5, 2, MaskZero = true)][BatchNormalization][GRU(2)]")]
    [InlineData("SNET0049", "[Embedding(5, 2, MaskZero = true)][GRU(2, ReturnSequences = true)][Dropout(0.5)][Flatten]")]
    public void Each_invalid_layer_argument_gets_its_diagnostic(string id, string layers)
    {
        string source = $"using StaticNet;\n[Network(Loss.MeanSquaredError)][Input(3)]{layers}[Dense(1)] public partial class BadNet;";
        Diagnostic diagnostic = Assert.Single(GeneratorHarness.Analyze(source));
        Assert.Equal(id, diagnostic.Id);
        AssertSurfaceOnly(source, id);
    }

    [Fact]
    public async Task A_shape_error_in_a_network_the_program_uses_is_the_only_error()
    {
        const string source = """
            using System;
            using StaticNet;

            [Network(Loss.SparseCategoricalCrossEntropy)]
            [Input(4)]
            [Dense(10, Activation.Softmax)]
            [Dense(3, Activation.Softmax)]
            internal partial class EarlySoftmaxNet;

            internal static class Program
            {
                public static float Run(Dataset data)
                {
                    var net = new EarlySoftmaxNet(seed: 1);
                    var history = net.Fit(data, epochs: 10, optimizer: new Adam(0.01f), seed: 42);
                    Console.WriteLine(EarlySoftmaxNet.Summary());
                    float[] output = new float[EarlySoftmaxNet.OutputSize];
                    net.Forward(new float[EarlySoftmaxNet.InputSize], output);
                    Evaluation evaluation = net.Evaluate(data);
                    return (float)(history[^1].Loss + evaluation.Loss + net.Parameters[0] + net.PredictClass(new float[4]));
                }
            }
            """;
        var (_, output) = GeneratorHarness.Run(source);
        var analyzed = await output.WithAnalyzers([new StaticNet.Generator.Diagnostics.NetworkAnalyzer(), new StaticNet.Generator.Diagnostics.GeneratorPresentSuppressor()]).GetAllDiagnosticsAsync();
        Assert.Equal(["SNET0006"], analyzed.Where(d => d.Severity >= DiagnosticSeverity.Warning && !d.IsSuppressed).Select(d => d.Id).ToArray());
    }

    /// <summary>The class of a declaration with shape errors gets a throwing public surface, which compiles cleanly, and nothing else.</summary>
    private static void AssertSurfaceOnly(string source, string id)
    {
        var (result, output) = GeneratorHarness.Run(source);
        string generated = Assert.Single(result.GeneratedSources).SourceText.ToString();
        Assert.Contains($"has errors ({id})", generated);
        Assert.DoesNotContain("TrainBatch(global::System.ReadOnlySpan<float> parameters, global::System.ReadOnlySpan<float> inputs", generated);

        // No error anywhere, nothing at all in generated code (the declarations here are public and undocumented, so the
        // user's file has its own CS1591).
        Assert.DoesNotContain(GeneratorHarness.Diagnostics(output), d => d.Severity == DiagnosticSeverity.Error);
        Assert.DoesNotContain(GeneratorHarness.Diagnostics(output), d => d.Location.SourceTree?.FilePath.EndsWith(".g.cs", StringComparison.Ordinal) == true);
    }

    /// <summary>Errors in the C# type itself: no code at all can be generated for it.</summary>
    private static readonly string[] TypeErrors = ["SNET0001", "SNET0008", "SNET0011", "SNET0012", "SNET0022", "SNET0023", "SNET0024", "SNET0025", "SNET0026", "SNET0027"];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Invalid_declaration_reports_its_diagnostic_on_the_offending_syntax(string id, string declaration, DiagnosticSeverity severity, string underlined)
    {
        string source = "using StaticNet;\n\n" + declaration;
        Diagnostic diagnostic = Assert.Single(GeneratorHarness.Analyze(source));
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(severity, diagnostic.Severity);
        Assert.Equal(underlined, diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan));
        Assert.False(string.IsNullOrWhiteSpace(diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)));

        // The generator never throws. A warning alone does not stop it; a shape error leaves a throwing public surface;
        // an error in the type itself leaves nothing (SNET0027's base network is still generated).
        if (severity == DiagnosticSeverity.Error && !TypeErrors.Contains(id))
        {
            AssertSurfaceOnly(source, id);
        }
        else
        {
            var (result, _) = GeneratorHarness.Run(source);
            int networks = id == "SNET0027" ? 1 : severity == DiagnosticSeverity.Warning && id != "SNET0028" ? 1 : 0;
            Assert.Equal(networks, result.GeneratedSources.Length);
        }
    }

    [Fact]
    public void A_network_nested_in_a_generic_type_is_refused_too()
    {
        const string source = """
            using StaticNet;

            public partial class Holder<T>
            {
                [Network(Loss.MeanSquaredError)]
                [Input(1)]
                [Dense(1)]
                public partial class InnerNet;
            }
            """;
        Diagnostic diagnostic = Assert.Single(GeneratorHarness.Analyze(source));
        Assert.Equal("SNET0008", diagnostic.Id);
        Assert.Equal("InnerNet", diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan));
        Assert.Empty(GeneratorHarness.Run(source).Result.GeneratedSources);
    }

    [Fact]
    public void Every_diagnostic_the_analyzer_declares_has_a_case()
    {
        var declared = new StaticNet.Generator.Diagnostics.NetworkAnalyzer().SupportedDiagnostics.Select(d => d.Id).Order();
        var tested = Cases.Select(c => (string)c[0]).Order();
        Assert.Equal(declared, tested);
    }

    [Fact]
    public void Messages_say_what_to_do()
    {
        string Message(string declaration) =>
            GeneratorHarness.Analyze("using StaticNet;\n" + declaration).Single().GetMessage(System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(
            "SparseCategoricalCrossEntropy needs a Softmax output of at least 2 units, but the last layer is Dense(1, Linear)",
            Message("[Network(Loss.SparseCategoricalCrossEntropy)][Input(3)][Dense(1)] public partial class A;"));
        Assert.Equal(
            "BinaryCrossEntropy needs a Sigmoid output, but the last layer is Dense(2, Softmax)",
            Message("[Network(Loss.BinaryCrossEntropy)][Input(3)][Dense(2, Activation.Softmax)] public partial class B;"));
        Assert.Equal(
            "The number of units of 'dense_1' must be at least 1, but is 0",
            Message("[Network(Loss.MeanSquaredError)][Input(3)][Dense(0)] public partial class C;"));
        Assert.Equal(
            "The network class 'D' must be declared 'partial' so that StaticNet can generate the rest of it",
            Message("[Network(Loss.MeanSquaredError)][Input(3)][Dense(1)] public class D;"));
        Assert.Equal(
            "The dropout rate of 'dropout_2' must be in [0, 1), but is 1",
            Message("[Network(Loss.MeanSquaredError)][Input(3)][Dropout(0.2)][Dense(4)][Dropout(1)][Dense(1)] public partial class E;"));
        Assert.Equal(
            "Epsilon of 'batch_normalization_1' must be a finite number > 0 (as a float), but is 0",
            Message("[Network(Loss.MeanSquaredError)][Input(3)][Dense(4)][BatchNormalization(Epsilon = 0)][Dense(1)] public partial class F;"));
        Assert.Equal(
            "L2 of 'dense_1' must be a finite number ≥ 0, but is -0.5",
            Message("[Network(Loss.MeanSquaredError)][Input(3)][Dense(4, L2 = -0.5)][Dense(1)] public partial class G;"));
        Assert.Equal(
            "The network 'H' has no layer with trainable parameters; add at least one, e.g. [Dense(1)]",
            Message("[Network(Loss.MeanSquaredError)][Input(3)][Dropout(0.5)] public partial class H;"));
    }

    [Fact]
    public void A_valid_network_reports_nothing()
    {
        Assert.Empty(GeneratorHarness.Analyze(Sources.Iris));
        Assert.Empty(GeneratorHarness.Analyze(Sources.Nested));
    }

    [Theory]
    [InlineData("[Network(Loss.MeanSquaredError)][Input][Dense(1)] public partial class MissingArgument;")]
    [InlineData("[Network(Loss.MeanSquaredError)][Input(\"four\")][Dense(1)] public partial class WrongType;")]
    [InlineData("[Network][Input(1)][Dense(1)] public partial class NoLoss;")]
    [InlineData("[Network(Loss.MeanSquaredError)][Input(1)][Dense(1, Activation.Nope)] public partial class UnknownMember;")]
    [InlineData("[Network((Loss)99)][Input(1)][Dense(1)] public partial class UnknownLoss;")]
    [InlineData("[Network(Loss.MeanSquaredError)][Input(1)][Dense(1, NegativeSlope = \"steep\")] public partial class WrongNamedType;")]
    public void Malformed_declarations_never_make_the_generator_or_analyzer_throw(string declaration)
    {
        string source = "using StaticNet;\n" + declaration;
        var (result, output) = GeneratorHarness.Run(source); // asserts the generator reported no exception
        Assert.DoesNotContain(result.GeneratedSources, g => !g.SourceText.ToString().Contains("has errors (SNET"));
        Assert.DoesNotContain(GeneratorHarness.Diagnostics(output), d => d.Location.SourceTree?.FilePath.EndsWith(".g.cs", StringComparison.Ordinal) == true);
        Assert.DoesNotContain(GeneratorHarness.Analyze(source), d => d.Id == "AD0001"); // AD0001: an analyzer threw
    }

    [Fact]
    public void A_syntax_error_elsewhere_in_the_class_does_not_stop_generation()
    {
        // The shape is valid, so the network is still generated; the compiler reports the syntax error itself.
        var (result, _) = GeneratorHarness.Run("using StaticNet;\n[Network(Loss.MeanSquaredError)][Input(1)][Dense(1)] public partial class Broken { void M( }");
        Assert.Single(result.GeneratedSources);
    }
}
