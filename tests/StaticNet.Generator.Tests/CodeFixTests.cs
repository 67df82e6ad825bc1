extern alias runtime;

using System.Collections.Immutable;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using StaticNet.CodeFixes;
using StaticNet.Generator.Diagnostics;

namespace StaticNet.Generator.Tests;

/// <summary>The IDE's fixes for the common mistakes, applied to real declarations and compared with the fixed source.</summary>
public class CodeFixTests
{
    private static async Task Verify<TFix>(string source, string fixedSource, params DiagnosticResult[] expected)
        where TFix : CodeFixProvider, new()
    {
        var test = new CSharpCodeFixTest<NetworkAnalyzer, TFix, DefaultVerifier>
        {
            TestCode = source,
            FixedCode = fixedSource,
            // No reference packs to download: .NET 10's reference assemblies and the runtime come from this build.
            ReferenceAssemblies = new ReferenceAssemblies("net10.0"),
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        test.TestState.AdditionalReferences.AddRange(Net100.References.All);
        test.TestState.AdditionalReferences.Add(MetadataReference.CreateFromFile(typeof(runtime::StaticNet.NetworkAttribute).Assembly.Location));
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync();
    }

    private static DiagnosticResult Snet(string id) => new(id, DiagnosticSeverity.Error);

    [Fact]
    public Task A_class_that_is_not_partial_is_made_partial() => Verify<MakePartialFix>(
        """
        using StaticNet;

        [Network(Loss.MeanSquaredError)]
        [Input(2)]
        [Dense(1)]
        public sealed class {|#0:Net|};
        """,
        """
        using StaticNet;

        [Network(Loss.MeanSquaredError)]
        [Input(2)]
        [Dense(1)]
        public sealed partial class Net;
        """,
        Snet("SNET0001").WithLocation(0).WithArguments("Net"));

    [Fact]
    public Task A_class_without_modifiers_is_made_partial() => Verify<MakePartialFix>(
        """
        using StaticNet;

        [Network(Loss.MeanSquaredError)]
        [Input(2)]
        [Dense(1)]
        class {|#0:Net|}
        {
        }
        """,
        """
        using StaticNet;

        [Network(Loss.MeanSquaredError)]
        [Input(2)]
        [Dense(1)]
        partial class Net
        {
        }
        """,
        Snet("SNET0001").WithLocation(0).WithArguments("Net"));

    [Fact]
    public Task A_hidden_softmax_becomes_relu_when_the_last_layer_has_softmax_already() => Verify<MoveSoftmaxToLastLayerFix>(
        """
        using StaticNet;

        [Network(Loss.SparseCategoricalCrossEntropy)]
        [Input(3)]
        [{|#0:Dense(4, Activation.Softmax)|}]
        [Dense(3, Activation.Softmax)]
        public partial class EarlySoftmaxNet;
        """,
        """
        using StaticNet;

        [Network(Loss.SparseCategoricalCrossEntropy)]
        [Input(3)]
        [Dense(4, Activation.ReLU)]
        [Dense(3, Activation.Softmax)]
        public partial class EarlySoftmaxNet;
        """,
        Snet("SNET0006").WithLocation(0).WithArguments("dense_1"));

    [Fact]
    public Task A_hidden_softmax_moves_to_a_last_layer_without_one() => Verify<MoveSoftmaxToLastLayerFix>(
        """
        using StaticNet;

        [Network(Loss.MeanSquaredError)]
        [Input(4)]
        [{|#0:Dense(10, Activation.Softmax)|}]
        [Dense(3)]
        public partial class Net;
        """,
        """
        using StaticNet;

        [Network(Loss.MeanSquaredError)]
        [Input(4)]
        [Dense(10, Activation.ReLU)]
        [Dense(3, Activation.Softmax)]
        public partial class Net;
        """,
        Snet("SNET0006").WithLocation(0).WithArguments("dense_1"));

    [Fact]
    public Task The_loss_is_changed_to_the_one_that_fits_the_output() => Verify<FittingLossFix>(
        """
        using StaticNet;

        [{|#0:Network(Loss.SparseCategoricalCrossEntropy)|}]
        [Input(3)]
        [Dense(8, Activation.ReLU)]
        [Dense(1, Activation.Sigmoid)]
        public partial class Net;
        """,
        """
        using StaticNet;

        [Network(Loss.BinaryCrossEntropy)]
        [Input(3)]
        [Dense(8, Activation.ReLU)]
        [Dense(1, Activation.Sigmoid)]
        public partial class Net;
        """,
        Snet("SNET0007").WithLocation(0).WithArguments("SparseCategoricalCrossEntropy", "a Softmax output of at least 2 units", "Dense(1, Sigmoid)"));
}
