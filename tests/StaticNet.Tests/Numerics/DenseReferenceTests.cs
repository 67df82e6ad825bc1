using System.Numerics.Tensors;
using StaticNet.Generated;

namespace StaticNet.Tests.Numerics;

/// <summary>The runtime's Dense pass (networks the planner gives to the runtime): its loops for narrow layers give the bits of a call per input.</summary>
public class DenseReferenceTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(1, 512)] // a Dense of one unit over a flattened sequence
    [InlineData(2, 17)]
    [InlineData(3, 40)]
    [InlineData(4, 9)] // TensorPrimitives from four units
    [InlineData(7, 33)]
    public void Each_unit_is_the_chain_of_multiply_adds_a_call_per_input_gives(int units, int inputs)
    {
        const int Count = 3;
        var random = new SeededRandom(units * 1000 + inputs);
        float[] Values(int n) => Enumerable.Range(0, n).Select(_ => random.NextSingle() - 0.5f).ToArray();
        float[] kernel = Values(inputs * units), bias = Values(units), x = Values(Count * inputs);
        var y = new float[Count * units];
        DenseReference.Forward(kernel, bias, x, y, Count, inputs, units, Activation.Linear, 0f, activate: false);

        var expected = new float[Count * units];
        for (int s = 0; s < Count; s++)
        {
            Span<float> z = expected.AsSpan(s * units, units);
            bias.CopyTo(z);
            for (int i = 0; i < inputs; i++)
            {
                TensorPrimitives.MultiplyAddEstimate(kernel.AsSpan(i * units, units), x[(s * inputs) + i], z, z);
            }
        }

        Assert.Equal(expected, y);
    }
}
