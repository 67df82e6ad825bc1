using StaticNet.Generator.Emit;
using StaticNet.Generator.Tests.Infrastructure;
using StaticNet.Generator.Model;
using StaticNet.Generator.Validation;

namespace StaticNet.Generator.Tests;

/// <summary>The mini-batch emitter's choices, on planned layers and in the code they produce.</summary>
public class BatchPlanTests
{
    private static DeclaredAttribute Input(int size) => new(ShapeAttributeKind.Input, size);

    private static DeclaredAttribute Dense(int units) => new(ShapeAttributeKind.Dense, units, (int)Activation.ReLU);

    [Fact]
    public void Kernels_are_transposed_from_the_last_layer_back_within_the_stack_budget()
    {
        // 784-512-256-10: the first layer never needs input gradients; 256 × 10 (2,560 floats) fits, 512 × 256 (131,072)
        // does not.
        EquatableArray<LayerSpec> mnist = NetworkPlanner.Plan(784, [Input(784), Dense(512), Dense(256), Dense(10)]);
        Assert.Equal([false, false, true], BatchEmitter.TransposedKernels(mnist));

        EquatableArray<LayerSpec> iris = NetworkPlanner.Plan(4, [Input(4), Dense(10), Dense(10), Dense(3)]);
        Assert.Equal([false, true, true], BatchEmitter.TransposedKernels(iris));

        // Fewer than 8 inputs: no vector across the inputs, so the dot-product form stays.
        EquatableArray<LayerSpec> narrow = NetworkPlanner.Plan(4, [Input(4), Dense(4), Dense(3)]);
        Assert.Equal([false, false], BatchEmitter.TransposedKernels(narrow));

        EquatableArray<LayerSpec> deep = NetworkPlanner.Plan(64, [Input(64), Dense(128), Dense(128), Dense(128), Dense(10)]);
        int used = 0;
        bool[] transposed = BatchEmitter.TransposedKernels(deep);
        for (int i = 0; i < deep.Count; i++)
        {
            used += transposed[i] ? deep[i].KernelSize : 0;
        }

        // The budget is shared, from the last layer back: 128 × 10 (1,280 floats) fits, then neither 128 × 128 (16,384) does.
        Assert.Equal([false, false, false, true], transposed);
        Assert.True(used <= BatchEmitter.TransposedBudget);
    }

    [Fact]
    public void Layers_of_16_units_or_more_get_a_512_bit_twin_that_the_256_bit_method_hands_over_to()
    {
        string code = GeneratorHarness.Generate("""
            using StaticNet;

            [Network(Loss.SparseCategoricalCrossEntropy)]
            [Input(20)]
            [Dense(16, Activation.ReLU)]
            [Dense(12, Activation.ReLU)]
            [Dense(3, Activation.Softmax)]
            public partial class TwinNet;
            """);

        Assert.Contains("private static void Dense1ForwardBatch512(", code, StringComparison.Ordinal);
        Assert.Contains("private static void Dense1BackwardBatch512(", code, StringComparison.Ordinal);
        string compact = string.Concat(code.Where(c => !char.IsWhiteSpace(c)));
        Assert.Contains("{if(global::System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated){Dense1ForwardBatch512(kernel,bias,x,y,count);return;}", compact, StringComparison.Ordinal);
        Assert.DoesNotContain("Dense2ForwardBatch512", code, StringComparison.Ordinal); // 12 units: a 16-lane block would be mostly idle
        Assert.Contains("global::StaticNet.Matrices.Transpose(parameters.Slice(Dense2KernelOffset, 192), 16, 12, dense2TransposedKernel);", code, StringComparison.Ordinal);
        Assert.Contains("loss += global::StaticNet.LossFunctions.SparseSoftmaxCrossEntropyBatch(", code, StringComparison.Ordinal);
    }
}
