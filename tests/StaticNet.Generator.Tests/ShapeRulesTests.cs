using StaticNet.Generator.Diagnostics;
using StaticNet.Generator.Model;
using StaticNet.Generator.Validation;

namespace StaticNet.Generator.Tests;

/// <summary>The shape rules and the planner on their own, without a compilation.</summary>
public class ShapeRulesTests
{
    private static DeclaredAttribute Input(int size) => new(ShapeAttributeKind.Input, size);

    private static DeclaredAttribute Dense(int units, Activation activation = Activation.Linear) => new(ShapeAttributeKind.Dense, units, (int)activation);

    [Fact]
    public void A_valid_shape_has_no_problems_and_plans_offsets_and_strategies()
    {
        DeclaredAttribute[] shape = [Input(4), Dense(10, Activation.ReLU), Dense(30, Activation.ReLU), Dense(300, Activation.ReLU), Dense(3, Activation.Softmax)];
        Assert.Empty(ShapeRules.Check("Net", (int)Loss.SparseCategoricalCrossEntropy, shape));

        // 10 and 30 units: SIMD (2 and 4 blocks of 8); 30 × 300 needs 30 × 38 vector operations, over the budget: row loop;
        // 300 × 3: too few units for a block of 8 and too many weights (900) to unroll: row loop.
        EquatableArray<LayerSpec> layers = NetworkPlanner.Plan(4, shape);
        Assert.Equal([0, 50, 380, 9680], layers.Select(l => l.KernelOffset));
        Assert.Equal([EmitStrategy.Simd, EmitStrategy.Simd, EmitStrategy.Loop, EmitStrategy.Loop], layers.Select(l => l.Strategy));

        // A forced strategy is used where it fits; elsewhere the automatic choice, with a warning on the layer.
        Assert.Equal(
            [EmitStrategy.Unrolled, EmitStrategy.Simd, EmitStrategy.Loop, EmitStrategy.Loop],
            NetworkPlanner.Plan(4, shape, CodeStrategy.Unrolled).Select(l => l.Strategy));
        Assert.Equal([2, 3, 4], ShapeRules.Check("Net", (int)Loss.SparseCategoricalCrossEntropy, shape, (int)CodeStrategy.Unrolled)
            .Where(p => p.Descriptor == DiagnosticDescriptors.StrategyDoesNotFit).Select(p => p.AttributeIndex));
        Assert.All(NetworkPlanner.Plan(4, shape, CodeStrategy.Loop), l => Assert.Equal(EmitStrategy.Loop, l.Strategy));
    }

    [Fact]
    public void Each_problem_points_at_its_attribute()
    {
        DeclaredAttribute[] shape = [Dense(2), Input(1), Dense(3, Activation.Softmax), Dense(0)];
        var problems = ShapeRules.Check("Net", (int)Loss.MeanSquaredError, shape);
        Assert.Contains(problems, p => p.Descriptor == DiagnosticDescriptors.InputNotFirst && p.AttributeIndex == 1);
        Assert.Contains(problems, p => p.Descriptor == DiagnosticDescriptors.SoftmaxNotLast && p.AttributeIndex == 2);
        Assert.Contains(problems, p => p.Descriptor == DiagnosticDescriptors.NonPositiveSize && p.AttributeIndex == 3);
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
        var problems = ShapeRules.Check("Net", (int)Enum.Parse<Loss>(loss), [Input(2), Dense(units, Enum.Parse<Activation>(output))]);
        Assert.Equal(fits, !problems.Any(p => p.Descriptor == DiagnosticDescriptors.LossDoesNotFitOutput));
    }
}
