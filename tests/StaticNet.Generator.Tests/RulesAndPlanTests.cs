using StaticNet.Generator.Layers.Conv2D;
using StaticNet.Generator.Layers.Dense;
using StaticNet.Generator.Diagnostics;
using StaticNet.Generator.Planning;
using StaticNet.Generator.Rules;
using static StaticNet.Generator.Tests.Infrastructure.Declarations;

namespace StaticNet.Generator.Tests;

/// <summary>The rules and the planner on their own, without a compilation: every decision the planner makes, and where each problem points.</summary>
public class RulesAndPlanTests
{
    [Fact]
    public void A_valid_shape_has_no_problems_and_plans_offsets_and_strategies()
    {
        var shape = new[] { Input(4), Dense(10, Activation.ReLU), Dense(30, Activation.ReLU), Dense(300, Activation.ReLU), Dense(3, Activation.Softmax) };
        Assert.Empty(Check(Loss.SparseCategoricalCrossEntropy, shape));

        // 10 and 30 units: SIMD (2 and 4 blocks of 8); 30 × 300 needs 30 × 38 vector operations, over the budget: a loop;
        // 300 × 3: too few units for a block of 8 and too many weights (900) to unroll: a loop.
        NetworkPlan plan = Plan(Loss.SparseCategoricalCrossEntropy, shape);
        Assert.Equal([0, 50, 380, 9680], plan.Layers.Select(l => l.Tensor("kernel").Offset));
        Assert.Equal([EmitStrategy.Simd, EmitStrategy.Simd, EmitStrategy.Loop, EmitStrategy.Loop], plan.Layers.Select(l => l.Dense().Strategy));
        Assert.False(plan.FusedForward);

        // A forced strategy is used where it fits; elsewhere the automatic choice, with a warning on the layer.
        Assert.Equal(
            [EmitStrategy.Unrolled, EmitStrategy.Simd, EmitStrategy.Loop, EmitStrategy.Loop],
            Plan(Loss.SparseCategoricalCrossEntropy, shape, CodeStrategy.Unrolled).Layers.Select(l => l.Dense().Strategy));
        Assert.Equal([2, 3, 4], Check(Loss.SparseCategoricalCrossEntropy, shape, CodeStrategy.Unrolled)
            .Where(p => p.Descriptor == DiagnosticDescriptors.StrategyDoesNotFit).Select(p => p.AttributeIndex));
        Assert.All(Plan(Loss.SparseCategoricalCrossEntropy, shape, CodeStrategy.Loop).Layers, l => Assert.Equal(EmitStrategy.Loop, l.Dense().Strategy));
    }

    [Fact]
    public void Each_problem_points_at_its_attribute()
    {
        var problems = Check(Loss.MeanSquaredError, [Dense(2), Input(1), Dense(3, Activation.Softmax), Dense(0), Dropout(1.5), BatchNormalization(momentum: 2)]);
        Assert.Contains(problems, p => p.Descriptor == DiagnosticDescriptors.InputNotFirst && p.AttributeIndex == 1);
        Assert.Contains(problems, p => p.Descriptor == DiagnosticDescriptors.SoftmaxNotLast && p.AttributeIndex == 2);
        Assert.Contains(problems, p => p.Descriptor == DiagnosticDescriptors.NonPositiveSize && p.AttributeIndex == 3);
        Assert.Contains(problems, p => p.Descriptor == DiagnosticDescriptors.InvalidDropoutRate && p.AttributeIndex == 4);
        Assert.Contains(problems, p => p.Descriptor == DiagnosticDescriptors.InvalidBatchNormalizationFactor && p.AttributeIndex == 5);
    }

    [Theory]
    [InlineData("SparseCategoricalCrossEntropy", "Softmax", 3, true)]
    [InlineData("CategoricalCrossEntropy", "Softmax", 2, true)]
    [InlineData("CategoricalCrossEntropy", "Sigmoid", 3, false)]
    [InlineData("SparseCategoricalCrossEntropy", "Softmax", 1, false)]
    [InlineData("BinaryCrossEntropy", "Sigmoid", 1, true)]
    [InlineData("BinaryCrossEntropy", "Linear", 1, false)]
    [InlineData("MeanSquaredError", "Softmax", 3, true)]
    [InlineData("MeanSquaredError", "Tanh", 1, true)]
    public void Losses_fit_only_the_outputs_they_are_defined_on(string loss, string output, int units, bool fits)
    {
        // The generator's enums are internal, so the cases name them as text.
        var problems = Check(Enum.Parse<Loss>(loss), [Input(2), Dense(units, Enum.Parse<Activation>(output))]);
        Assert.Equal(fits, !problems.Any(p => p.Descriptor == DiagnosticDescriptors.LossDoesNotFitOutput));
    }

    [Fact]
    public void A_cross_entropy_needs_its_softmax_on_the_last_layer_not_before_a_dropout()
    {
        var problems = Check(Loss.BinaryCrossEntropy, [Input(2), Dense(1, Activation.Sigmoid), Dropout(0.5)]);
        Problem problem = Assert.Single(problems);
        Assert.Equal(DiagnosticDescriptors.LossDoesNotFitOutput, problem.Descriptor);
        Assert.Equal("Dropout(0.5)", problem.Arguments[2]);
    }

    [Fact]
    public void Kernels_are_transposed_from_the_last_layer_back_within_the_budget()
    {
        // 784-512-256-10: the first layer never needs input gradients; 256 × 10 (2,560 floats) fits, 512 × 256 (131,072)
        // does not.
        Assert.Equal([false, false, true], Transposed(Input(784), Dense(512), Dense(256), Dense(10)));
        Assert.Equal([false, true, true], Transposed(Input(4), Dense(10), Dense(10), Dense(3)));

        // Fewer than 8 inputs: no vector across the inputs, so the dot-product form stays.
        Assert.Equal([false, false], Transposed(Input(4), Dense(4), Dense(3)));

        // The budget (65,536 floats) is shared, from the last layer back: 128 × 10 (1,280 floats) and 256 × 128 (32,768)
        // fit, then 256 × 256 (65,536) does not.
        Assert.Equal([false, false, true, true], Transposed(Input(64), Dense(256), Dense(256), Dense(128), Dense(10)));

        // A dropout before the first Dense: nothing before it has parameters, so no layer passes a gradient back to it.
        NetworkPlan plan = Plan(Loss.MeanSquaredError, [Input(16), Dropout(0.2), Dense(16), Dense(1)]);
        Assert.Equal([false, false, true], plan.Layers.Select(l => l.NeedsInputGradient));
        Assert.Equal([false, true, true], plan.Layers.Select(l => l.RunsBackward));
    }

    [Fact]
    public void A_one_channel_convolution_is_computed_from_its_spread_image_with_every_width_planned()
    {
        // LeNet-5's first layer: rows of 24 pixels × 6 filters = 144 floats. At 512 bits lcm(16, 6) = 48 floats, 3
        // phases; two rows of 9 vectors in registers (18 outputs, 6 weight vectors). At 256 bits, 16 registers: two rows
        // would hold 3 vectors each (1.5 loads a multiply-add), one row holds 9 (1.33). At 128 bits, lcm(4, 6) = 12.
        // The backward pass sums 10 taps' 3 phases at most in 32 registers, 4 in 16: the 25 taps go as 9, 9, 7 and 6 × 4, 1.
        // At 512 bits it rather sums a kernel column (5 taps × 3 phases) over blocks of 8 output rows: 8 dL/dz vectors and
        // 12 image rows loaded for 40 multiply-adds, 900 loads and multiply-adds a phase against the groups' 1,272. In 16
        // registers the best block (3 kernel rows over 5 output rows, rounded up to 6 and 25) needs 1,350 against 1,368.
        // The forward pass at 512 bits also goes by kernel column: the column's 15 weight vectors held, 4 output rows'
        // spreads (12 sums), 39 loads to 60 multiply-adds against the paired rows' 15 to 18; 16 registers cannot hold it.
        // At 256 bits the forward pass puts pixels in lanes instead: 2 runs of 8 pixels × 6 filters (12 sums, 2 image
        // vectors, a broadcast weight: 15 registers), 8 loads to 12 multiply-adds against the row's 12 to 9. Not at 128
        // bits (its transposition is AVX's). Its backward pass too: dL/dz in planes of 8-pixel runs, tiles of 3 taps × 3
        // filters (9 sums, 3 dL/dz vectors, an image vector: 13 registers), 104 loads a run for all 150 tap-filter pairs
        // (6 to 9) where 6 taps × 2 filters take 105 and the tap groups a load an image vector a multiply-add.
        var lenet = new[] { Input(28, 28, 1), Conv2D(6, 5, 5, Activation.ReLU), Flatten(), Dense(10, Activation.Softmax) };
        DirectConvolutionPlan direct = Plan(Loss.SparseCategoricalCrossEntropy, lenet).Layers[0].Conv().DirectPlan!;
        Assert.Equal(new DirectWidthPlan(512, Phases: 3, RowFloats: 144, PairsRows: true, Block: 9, TapGroup: 9, PaddedRow: 144, RowBlock: 8, TapRows: 5, ForwardRows: 4, PixelUnits: 0, PixelTaps: 0, PixelFilters: 0), direct.V512);
        Assert.Equal(new DirectWidthPlan(256, Phases: 3, RowFloats: 144, PairsRows: false, Block: 9, TapGroup: 4, PaddedRow: 144, RowBlock: 1, TapRows: 0, ForwardRows: 0, PixelUnits: 2, PixelTaps: 3, PixelFilters: 3), direct.V256);
        Assert.Equal(new DirectWidthPlan(128, Phases: 3, RowFloats: 144, PairsRows: false, Block: 9, TapGroup: 4, PaddedRow: 144, RowBlock: 1, TapRows: 0, ForwardRows: 0, PixelUnits: 0, PixelTaps: 0, PixelFilters: 0), direct.V128);
        Assert.Equal(28 * 28 * 6, direct.ExpandedSize); // the planes, 6 × 24 × 24, fit in the spread image's place
        Assert.Equal(24 * 144, direct.GradientRowsSize);

        // 10 pixels × 3 filters = 30 floats a row: the backward pass's rows are padded to 48 (lcm(16, 3)), and the spread
        // image has the 18 floats after it that the last padded row reads.
        DirectConvolutionPlan narrow = Plan(Loss.MeanSquaredError, [Input(8, 12, 1), Conv2D(3, 2, 3), Flatten(), Dense(2)]).Layers[0].Conv().DirectPlan!;
        Assert.Equal(48, narrow.V512.PaddedRow);
        Assert.Equal(3, narrow.V256.PixelUnits); // 3 runs × 3 filters, 3 image vectors, a weight: 13 registers
        Assert.Equal(8 * 12 * 3 + 18, narrow.ExpandedSize);

        // 9 filters need 9 weight vectors a tap at every width: the matrix product. So do several channels, and a layer
        // that must pass a gradient back.
        Assert.Null(Plan(Loss.MeanSquaredError, [Input(28, 28, 1), Conv2D(9, 5, 5), Flatten(), Dense(2)]).Layers[0].Conv().DirectPlan);
        Assert.Null(Plan(Loss.MeanSquaredError, [Input(28, 28, 3), Conv2D(6, 5, 5), Flatten(), Dense(2)]).Layers[0].Conv().DirectPlan);
        NetworkPlan second = Plan(Loss.MeanSquaredError, [Input(14, 14, 1), Conv2D(1, 3, 3), Conv2D(4, 3, 3), Flatten(), Dense(2)]);
        Assert.True(second.Layers[1].NeedsInputGradient);
        Assert.Null(second.Layers[1].Conv().DirectPlan);
    }

    [Fact]
    public void A_products_register_tiles_fit_the_most_rows_a_call_computes()
    {
        // After a convolution a sample's activations fill the tile's workspace: a step runs 4 samples at a time, so the
        // Dense layers' 512-bit forward tiles hold 4 samples × 6 blocks (8 × 3 would compute each sample twice), and the
        // input gradient sums 4 samples a pass over Wᵀ.
        NetworkPlan conv = Plan(Loss.SparseCategoricalCrossEntropy, [Input(28, 28, 1), Conv2D(6, 5, 5, Activation.ReLU), Flatten(), Dense(120, Activation.ReLU), Dense(10, Activation.Softmax)]);
        Assert.Equal(4, conv.BatchTile);
        MatrixProduct hidden = conv.Layers[2].Dense().Product;
        Assert.Equal((4, 4, 6, 4), (hidden.MaxRows, hidden.SampleTile(VectorWidth.V512), hidden.BlockTile(VectorWidth.V512), hidden.InputGradientSamples(VectorWidth.V512)));
        Assert.Equal((4, 3), (hidden.SampleTile(VectorWidth.V256), hidden.BlockTile(VectorWidth.V256)));

        // A convolution's product computes an image's output pixels a call (24 × 24), whatever the tile.
        Assert.Equal(576, conv.Layers[0].Conv().Product.MaxRows);

        // 784-128-10 steps 12 samples a tile: 8 samples × 3 blocks.
        NetworkPlan mnist = Plan(Loss.SparseCategoricalCrossEntropy, [Input(784), Dense(128, Activation.ReLU), Dense(10, Activation.Softmax)]);
        MatrixProduct wide = mnist.Layers[0].Dense().Product;
        Assert.Equal((mnist.BatchTile, 8, 3), (wide.MaxRows, wide.SampleTile(VectorWidth.V512), wide.BlockTile(VectorWidth.V512)));
        Assert.True(mnist.BatchTile > 4);
    }

    [Fact]
    public void Layers_of_16_units_or_more_get_a_512_bit_twin()
    {
        NetworkPlan plan = Plan(Loss.SparseCategoricalCrossEntropy, [Input(20), Dense(16, Activation.ReLU), Dense(12, Activation.ReLU), Dense(3, Activation.Softmax)]);
        Assert.Equal([true, false, false], plan.Layers.Select(l => l.Dense().Product.Batch512));
    }

    [Fact]
    public void Specialised_layers_get_a_128_bit_twin_and_compact_ones_do_not()
    {
        // Every specialised layer, whatever its width: a default Native AOT build has 128-bit vectors only.
        NetworkPlan plan = Plan(Loss.SparseCategoricalCrossEntropy, [Input(20), Dense(16, Activation.ReLU), Dense(3, Activation.ReLU), Dense(3, Activation.Softmax)]);
        Assert.Equal([true, true, true], plan.Layers.Select(l => l.Dense().Product.Batch128));
        // About four accumulation chains a pass: 4 blocks of 4 units take one row; 3 units are one scalar chain a row, so
        // four rows (three where the layer has only three inputs).
        Assert.Equal([1, 4, 3], plan.Layers.Select(l => l.Dense().Product.KernelGradientRows128));

        // Past the source budget the largest layers are compact: they call the runtime's loops at every width.
        NetworkPlan large = Plan(Loss.MeanSquaredError, [Input(2), .. Enumerable.Repeat(Dense(1000, Activation.ReLU), 10), Dense(1)]);
        Assert.Contains(large.Layers, l => l.Dense().Compact);
        // (A compact layer writes no mini-batch methods at all, so no twin.)
        Assert.All(large.Layers.Where(l => !l.Dense().Compact), l => Assert.True(l.Dense().Product.Batch128));
    }

    [Fact]
    public void Kernel_gradient_passes_take_more_rows_where_that_saves_a_pass_that_would_repeat_a_row()
    {
        // Iris's 10 × 10 at 256 bits: two chains a row (a block and its overlapping tail), 4 rows wanted; 10 inputs in
        // passes of 4 would end with one repeating row 9, so 2 passes of 5 (10 chains, 2 loaded blocks and a broadcast:
        // 13 of 16 registers). At 128 bits three chains keep 1 row, which leaves nothing over.
        MatrixProduct iris = MatrixProduct.Plan("dense_2", "Dense2", 10, 10, Activation.ReLU, 0.2f, defersActivation: false, needsInputGradient: true, transposedKernel: true);
        Assert.Equal((5, 1), (iris.KernelGradientRows(VectorWidth.V256), iris.KernelGradientRows(VectorWidth.V128)));

        // Rows that divide the inputs stay: 12 inputs in 3 passes of 4.
        MatrixProduct even = MatrixProduct.Plan("dense_2", "Dense2", 12, 10, Activation.ReLU, 0.2f, defersActivation: false, needsInputGradient: true, transposedKernel: true);
        Assert.Equal(4, even.KernelGradientRows(VectorWidth.V256));

        // Units in whole blocks keep their rows: the rows left over get an exact pass of their own, repeating none.
        MatrixProduct whole = MatrixProduct.Plan("dense_1", "Dense1", 17, 16, Activation.ReLU, 0.2f, defersActivation: false, needsInputGradient: true, transposedKernel: true);
        Assert.Equal((4, 8), (whole.KernelGradientRows(VectorWidth.V256), whole.KernelGradientRows(VectorWidth.V512)));

        // Where one pass fewer would not fit the registers, the rows stay: 28 units at 256 bits are 4 chains a row (3
        // blocks and an overlapping tail), 2 rows; 5 inputs in 2 passes of 3 would need 12 + 4 + 1 = 17 registers.
        MatrixProduct wide = MatrixProduct.Plan("dense_1", "Dense1", 5, 28, Activation.ReLU, 0.2f, defersActivation: false, needsInputGradient: true, transposedKernel: true);
        Assert.Equal(2, wide.KernelGradientRows(VectorWidth.V256));
    }

    [Fact]
    public void The_forward_pass_is_one_generic_method_where_256_and_128_bits_take_the_same_pass()
    {
        static MatrixProduct Product(int inputs, int units, Activation activation = Activation.ReLU, bool defers = false) =>
            MatrixProduct.Plan("dense_1", "Dense1", inputs, units, activation, 0.2f, defersActivation: defers, needsInputGradient: true, transposedKernel: false);

        // 9 to 16 units: one tile of two blocks at 256 bits (Iris's 10: blocks 0 and 2), the first of 128 bits' tiles.
        Assert.All(new[] { 9, 10, 12, 16 }, units => Assert.True(Product(4, units).SharedForwardTile));
        Assert.True(Product(10, 10, Activation.Sigmoid).SharedForwardTile);
        Assert.True(Product(10, 10, Activation.Tanh, defers: true).SharedForwardTile);

        // 8 units are one block at 256 bits but two at 128; 17 are three blocks at 256 bits, a tile of 3; fewer than 8
        // go samples-in-lanes at 256 bits.
        Assert.All(new[] { 3, 7, 8, 17, 64 }, units => Assert.False(Product(4, units).SharedForwardTile));

        // A kernel that streams from L2 takes 6 samples a tile at 256 bits, 4 at 128.
        Assert.False(Product(1024, 10).SharedForwardTile);

        // Tanh runs after the pass, and by another function at 128 bits.
        Assert.False(Product(10, 10, Activation.Tanh).SharedForwardTile);

        // Fewer units than a 128-bit vector's lanes are the samples-in-lanes pass at both widths: shared where the
        // activation, applied to the vector, has the scalar's bits (none, ReLU, LeakyReLU, or the loss's).
        Assert.True(Product(10, 3, Activation.Softmax, defers: true).SharedNarrowForward);
        Assert.True(Product(10, 1, Activation.Sigmoid, defers: true).SharedNarrowForward);
        Assert.True(Product(10, 2, Activation.LeakyReLU).SharedNarrowForward);
        Assert.False(Product(10, 2, Activation.Sigmoid).SharedNarrowForward);
        Assert.False(Product(10, 4).SharedNarrowForward); // one whole block at 128 bits
        Assert.Equal([true, true, false], new[] { Product(4, 10), Product(10, 3, Activation.Softmax, defers: true), Product(10, 5) }.Select(p => p.SharedForward));
    }

    [Fact]
    public void The_backward_pass_is_one_generic_method_where_both_widths_sum_a_narrow_layer_in_one_pass()
    {
        static MatrixProduct Product(int inputs, int units, bool input = true, bool transposed = true) =>
            MatrixProduct.Plan("dense_3", "Dense3", inputs, units, Activation.Softmax, 0.2f, defersActivation: true, needsInputGradient: input, transposedKernel: transposed);

        // Iris's output layer: 10 inputs are blocks 0 and 2 at 256 bits, 0, 4 and 6 at 128, each summed in one pass
        // (3 units leave room for 3 blocks of sums), and its input gradient one tile of them.
        Assert.True(Product(10, 3).SharedNarrowBackward);
        Assert.True(Product(16, 1).SharedNarrowBackward);
        Assert.True(Product(12, 3, input: false, transposed: false).SharedNarrowBackward);

        // 13 inputs are 4 blocks at 128 bits, more than 3 units' pass holds; fewer than 8 inputs are no block at 256 bits;
        // 17 inputs are 5 blocks, more than an input-gradient tile; 4 units are a whole 128-bit block.
        Assert.False(Product(13, 3).SharedNarrowBackward);
        Assert.False(Product(6, 3).SharedNarrowBackward);
        Assert.False(Product(17, 1).SharedNarrowBackward);
        Assert.False(Product(10, 4).SharedNarrowBackward);

        // The input gradient shared is the transposed kernel's.
        Assert.False(Product(10, 3, transposed: false).SharedNarrowBackward);
    }

    [Fact]
    public void Forward_is_written_as_one_method_only_for_small_straight_line_networks()
    {
        Assert.True(Plan(Loss.SparseCategoricalCrossEntropy, [Input(4), Dense(10, Activation.ReLU), Dense(10, Activation.ReLU), Dense(3, Activation.Softmax)]).FusedForward);
        Assert.False(Plan(Loss.SparseCategoricalCrossEntropy, [Input(64), Dense(64, Activation.ReLU), Dense(10, Activation.Softmax)]).FusedForward); // 64 × 8 = 512 operations
        Assert.True(Plan(Loss.MeanSquaredError, [Input(8), Dense(8, Activation.ReLU), Dropout(0.5), BatchNormalization(), Dense(1)]).FusedForward);
    }

    [Fact]
    public void Tiles_hold_64_KiB_of_a_samples_buffers_and_batch_normalization_takes_the_whole_batch()
    {
        // Iris: 10 + 10 + 3 outputs and their gradients, 46 floats a sample, and its 4 inputs in lanes for the batch
        // Forward: 32 samples a tile (the most).
        NetworkPlan iris = Plan(Loss.SparseCategoricalCrossEntropy, [Input(4), Dense(10, Activation.ReLU), Dense(10, Activation.ReLU), Dense(3, Activation.Softmax)]);
        Assert.Equal(46 + 4, iris.WorkspacePerSample);
        Assert.True(iris.InferenceInLanes);
        Assert.Equal(112 + 32, iris.WorkspacePerCall); // the two transposed kernels, 100 and 30 floats, each from a cache line
        Assert.Equal(32, iris.BatchTile);
        Assert.False(iris.WholeBatch);

        // 4 × 1,000 units: 16,384 / 8,002 floats rounds down to the least, 4 samples.
        Assert.Equal(4, Plan(Loss.MeanSquaredError, [Input(8), Dense(1000), Dense(1000), Dense(1000), Dense(1000), Dense(1)]).BatchTile);

        NetworkPlan normalized = Plan(Loss.MeanSquaredError, [Input(8), Dense(16), BatchNormalization(), Dropout(0.5), Dense(1)]);
        Assert.True(normalized.WholeBatch);
        Assert.Equal((8 * 16) + 16 + 32 + 16 + 1, normalized.ParameterCount); // γ and β are trainable
        Assert.Equal(32, normalized.NonTrainableParameterCount); // the moving mean and variance are not
        Assert.Contains(normalized.Workspace, s => s.Local == "dropout1Mask" && s.PerSample && s.Floats == 16);
        Assert.Contains(normalized.Workspace, s => s.Local == "batchNormalization1InverseStd" && !s.PerSample);
    }

    [Fact]
    public void Dropout_is_skipped_in_inference_and_at_rate_zero_in_training_too()
    {
        NetworkPlan plan = Plan(Loss.MeanSquaredError, [Input(4), Dense(8), Dropout(0.5), Dense(8), Dropout(0), Dense(1)]);
        Assert.Equal([false, true, false, true, false], plan.Layers.Select(l => l.IdentityInInference));
        Assert.Equal([false, false, false, true, false], plan.Layers.Select(l => l.IdentityInTraining));
        Assert.DoesNotContain(plan.Workspace, s => s.Local.StartsWith("dropout2", StringComparison.Ordinal));
        Assert.Equal(8 + 8, plan.ForwardScratch); // dense_1's and dense_2's outputs; the dropouts add none
    }

    [Fact]
    public void Activation_code_names_every_activation_and_refuses_an_unknown_one()
    {
        // Every switch over Activation lists each value; one the rules did not validate throws instead of being written
        // as some other activation's code.
        foreach (Activation activation in Enum.GetValues<Activation>().Where(a => a != Activation.Softmax))
        {
            Assert.NotEmpty(Emit.ActivationCode.Scalar(activation, 0.2f, "z"));
            Assert.NotEmpty(Emit.ActivationCode.Vector(activation, 0.2f, "z", VectorWidth.V256));
            if (activation is Activation.GELU or Activation.GELUTanh or Activation.SiLU)
            {
                // Their derivatives need the pre-activation: only the Activation layer applies them, through the runtime.
                Assert.Throws<InvalidOperationException>(() => Emit.ActivationCode.ScalarDerivative(activation, 0.2f, "g", "a"));
                Assert.Throws<InvalidOperationException>(() => Emit.ActivationCode.VectorDerivative(activation, 0.2f, "g", "a", VectorWidth.V512));
            }
            else
            {
                Assert.NotEmpty(Emit.ActivationCode.ScalarDerivative(activation, 0.2f, "g", "a"));
                Assert.NotEmpty(Emit.ActivationCode.VectorDerivative(activation, 0.2f, "g", "a", VectorWidth.V512));
            }

            Assert.NotEmpty(Emit.ActivationCode.Describe(activation, 0.2f));
            _ = Emit.ActivationCode.NeedsSecondPass(activation);
            _ = Emit.ActivationCode.InPlace(activation, 0.2f, "y");
        }

        Assert.NotNull(Emit.ActivationCode.InPlace(Activation.Softmax, 0.2f, "y"));
        var unknown = (Activation)42;
        Assert.Throws<ArgumentOutOfRangeException>(() => Emit.ActivationCode.Scalar(unknown, 0.2f, "z"));
        Assert.Throws<ArgumentOutOfRangeException>(() => Emit.ActivationCode.Vector(unknown, 0.2f, "z", VectorWidth.V256));
        Assert.Throws<ArgumentOutOfRangeException>(() => Emit.ActivationCode.ScalarDerivative(unknown, 0.2f, "g", "a"));
        Assert.Throws<ArgumentOutOfRangeException>(() => Emit.ActivationCode.VectorDerivative(unknown, 0.2f, "g", "a", VectorWidth.V256));
        Assert.Throws<ArgumentOutOfRangeException>(() => Emit.ActivationCode.InPlace(unknown, 0.2f, "y"));
        Assert.Throws<ArgumentOutOfRangeException>(() => Emit.ActivationCode.NeedsSecondPass(unknown));
        Assert.Throws<ArgumentOutOfRangeException>(() => DensePlanner.Fits((CodeStrategy)9, 4, 4));
    }

    [Fact]
    public void The_batch_forward_runs_in_lanes_where_every_layer_it_runs_is_a_narrow_dense_layer_on_few_inputs()
    {
        static NetworkPlan Of(int inputs, params Parsing.DeclaredLayer[] layers) => Plan(Loss.MeanSquaredError, [Input(inputs), .. layers]);

        // Iris: tiles of 128 samples in lanes, its 4 inputs in a buffer of the workspace that only the lanes pass slices.
        NetworkPlan iris = Plan(Loss.SparseCategoricalCrossEntropy, [Input(4), Dense(10, Activation.ReLU), Dense(10, Activation.ReLU), Dense(3, Activation.Softmax)]);
        Assert.Equal(128, iris.LanesTile);
        Assert.Equal(4, Assert.Single(iris.Workspace, s => s.Local == NetworkPlanner.InputLanes).Floats);

        // The widths: 256 bits too where 16 registers hold a layer's accumulators, its input and a broadcast weight.
        Assert.Equal([512, 256], iris.LanesWidths);
        Assert.Equal([512, 256], Of(4, Dense(14), Dense(2)).LanesWidths);
        Assert.Equal([512], Of(4, Dense(15), Dense(2)).LanesWidths);
        Assert.Equal([512], Of(4, Dense(16, Activation.ReLU), Dense(3)).LanesWidths);
        Assert.Empty(Of(4, Dense(17), Dense(2)).LanesWidths);

        Assert.True(Of(16, Dense(16, Activation.LeakyReLU), Dropout(0.5), Dense(1, Activation.Tanh)).InferenceInLanes); // any output activation: it is the network's
        Assert.False(Of(17, Dense(4)).InferenceInLanes); // too many inputs to move into lanes
        Assert.False(Of(4, Dense(17), Dense(2)).InferenceInLanes); // more units than registers: rows fill whole vectors
        Assert.False(Of(4, Dense(8, Activation.Sigmoid), Dense(2)).InferenceInLanes); // a hidden activation applied after the product
        Assert.False(Of(4, Dense(8), BatchNormalization(), Dense(2)).InferenceInLanes); // a kind that does not run in lanes
        Assert.False(Of(4, Dense(8, Activation.ReLU), Activation(Activation.Tanh), Dense(2)).InferenceInLanes);
        Assert.DoesNotContain(Of(4, Dense(17), Dense(2)).Workspace, s => s.Local == NetworkPlanner.InputLanes);
    }

    [Fact]
    public void Every_per_call_workspace_buffer_and_the_per_sample_part_start_on_a_cache_line()
    {
        NetworkPlan[] plans =
        [
            Plan(Loss.SparseCategoricalCrossEntropy, [Input(4), Dense(10, Activation.ReLU), Dense(10, Activation.ReLU), Dense(3, Activation.Softmax)]),
            Plan(Loss.MeanSquaredError, [Input(7), Dense(13), Dropout(0.5), Dense(5), BatchNormalization(), Dense(1)]),
            Plan(Loss.MeanSquaredError, [Input(30), Dense(17, Activation.ReLU), Dense(9), Dense(2)]),
        ];
        foreach (NetworkPlan plan in plans)
        {
            Assert.Equal(0, plan.WorkspacePerCall % NetworkPlanner.LineFloats);
            Assert.All(plan.Workspace.Where(s => !s.PerSample), s => Assert.Equal(0, s.Offset % NetworkPlanner.LineFloats));
            Assert.Contains(plan.Workspace, s => !s.PerSample); // the transposed kernels: there is something to align
        }
    }

    private static bool[] Transposed(params Parsing.DeclaredLayer[] layers) =>
        Plan(Loss.MeanSquaredError, layers).Layers.Select(l => l.Kind is DensePlan { Product.TransposedKernel: true }).ToArray();
}
