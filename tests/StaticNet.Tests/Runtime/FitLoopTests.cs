using Xunit;

namespace StaticNet.Tests.Runtime;

/// <summary>
/// The runtime loops Fit runs every batch, rewritten for speed (branch-free argmax, the accuracy of a batch at once, the
/// shuffle's draw without its division): each gives exactly what the plain form gives, held against that form here.
/// </summary>
public class FitLoopTests
{
    /// <summary>The argmax as it was written before: a branch per comparison against the best value so far.</summary>
    private static int BranchingArgMax(ReadOnlySpan<float> values)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best])
            {
                best = i;
            }
        }

        return best;
    }

    private static readonly float[] Specials = [0f, -0f, 1f, -1f, float.NaN, float.PositiveInfinity, float.NegativeInfinity, float.Epsilon, 0.5f];

    [Fact]
    public void ArgMax_picks_the_index_the_branching_loop_picks_on_ties_zeros_NaNs_and_infinities()
    {
        var random = new Random(5);
        int checkedRows = 0;
        for (int length = 0; length <= 9; length++)
        {
            for (int trial = 0; trial < 4_000; trial++)
            {
                var row = new float[length];
                for (int i = 0; i < length; i++)
                {
                    // Few distinct values, so ties are common; specials a quarter of the time.
                    row[i] = random.Next(4) == 0 ? Specials[random.Next(Specials.Length)] : random.Next(5) - 2;
                }

                Assert.Equal(BranchingArgMax(row), Accuracy.ArgMax(row));
                checkedRows++;
            }
        }

        Assert.Equal(40_000, checkedRows);
        Assert.Equal(0, Accuracy.ArgMax([float.NaN, 5f, 7f])); // NaN first: nothing compares greater than it
        Assert.Equal(1, Accuracy.ArgMax([2f, 7f, 7f]));        // the first of a tie
        Assert.Equal(2, Accuracy.ArgMax([-0f, 0f, 1e-45f]));
    }

    [Theory]
    [InlineData(Loss.SparseCategoricalCrossEntropy, 3, 1)]
    [InlineData(Loss.SparseCategoricalCrossEntropy, 10, 1)]
    [InlineData(Loss.CategoricalCrossEntropy, 4, 4)]
    [InlineData(Loss.BinaryCrossEntropy, 1, 1)]
    [InlineData(Loss.BinaryCrossEntropy, 3, 3)]
    public void A_batch_accuracy_is_the_same_bits_as_adding_each_sample_in_turn(Loss loss, int outputs, int targetSize)
    {
        var random = new Random(outputs * 31 + targetSize);
        const int Count = 67;
        var predictions = new float[Count * outputs];
        var targets = new float[Count * targetSize];
        for (int i = 0; i < predictions.Length; i++)
        {
            predictions[i] = random.Next(3) == 0 ? 0.5f : (float)random.NextDouble();
        }

        for (int k = 0; k < Count; k++)
        {
            if (loss == Loss.SparseCategoricalCrossEntropy)
            {
                targets[k] = random.Next(outputs);
            }
            else if (loss == Loss.CategoricalCrossEntropy)
            {
                targets[(k * targetSize) + random.Next(targetSize)] = 1f;
            }
            else
            {
                for (int j = 0; j < targetSize; j++)
                {
                    targets[(k * targetSize) + j] = random.Next(2);
                }
            }
        }

        double expected = 0.1; // a start that is not a whole number, as an epoch's running sum is not for binary outputs
        for (int k = 0; k < Count; k++)
        {
            expected += Accuracy.OfSample(loss, predictions.AsSpan(k * outputs, outputs), targets.AsSpan(k * targetSize, targetSize));
        }

        double actual = Accuracy.AddSamples(0.1, loss, predictions, targets, Count);
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(actual));
        Assert.InRange(expected, 0.1 + 2, 0.1 + Count - 2); // neither all right nor all wrong
        Assert.Equal(0.25, Accuracy.AddSamples(0.25, loss, predictions, targets, 0));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(8)]
    public void The_sparse_batch_accuracy_in_lanes_counts_as_each_sample_alone_does_for_ties_NaNs_and_odd_labels(int classes)
    {
        // With AVX2, 8 rows at a time go through lanes: ties, signed zeros, NaN outputs and labels that are not class
        // indices (NaN, fractional, negative, huge) must count as ArgMax and (int) count them one sample at a time.
        var random = new Random(classes);
        float[] values = [0.5f, 0.25f, -0f, 0f, float.NaN, float.PositiveInfinity, float.NegativeInfinity, 1f];
        float[] labels = [float.NaN, 1.5f, -0.5f, -1f, 1e10f, -1e10f, float.PositiveInfinity];
        const int Count = 803;
        var predictions = new float[Count * classes];
        var targets = new float[Count];
        for (int i = 0; i < predictions.Length; i++)
        {
            predictions[i] = random.Next(2) == 0 ? values[random.Next(values.Length)] : (float)random.NextDouble();
        }

        for (int k = 0; k < Count; k++)
        {
            targets[k] = random.Next(4) == 0 ? labels[random.Next(labels.Length)] : random.Next(classes);
        }

        double expected = 0;
        for (int k = 0; k < Count; k++)
        {
            expected += Accuracy.OfSample(Loss.SparseCategoricalCrossEntropy, predictions.AsSpan(k * classes, classes), targets.AsSpan(k, 1));
        }

        Assert.Equal(expected, Accuracy.AddSamples(0, Loss.SparseCategoricalCrossEntropy, predictions, targets, Count));
        Assert.InRange(expected, 50, Count - 50); // neither all right nor all wrong
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(120)]
    [InlineData(1_000_003)]
    [InlineData(1_500_000_001)] // a third of the low words are rejected: the retry path runs often
    [InlineData(int.MaxValue)]
    public void NextInt_draws_the_same_stream_as_computing_the_rejection_threshold_every_call(int range)
    {
        var fast = new SeededRandom(17, 3);
        var plain = new SeededRandom(17, 3);
        int rejected = 0;
        for (int n = 0; n < 20_000; n++)
        {
            uint threshold = (uint)((1UL << 32) % (ulong)range);
            ulong product;
            while (true)
            {
                product = (plain.NextUInt64() >> 32) * (ulong)range;
                if ((uint)product >= threshold)
                {
                    break;
                }

                rejected++;
            }

            Assert.Equal((int)(product >> 32), fast.NextInt(range));
        }

        Assert.Equal(plain.NextUInt64(), fast.NextUInt64()); // and both consumed the same number of words
        if (range == 1_500_000_001)
        {
            Assert.InRange(rejected, 4_000, 10_000);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(120)]
    [InlineData(10_007)]
    public void Shuffle_makes_the_permutation_of_NextInt_calls_and_leaves_the_same_state(int length)
    {
        var shuffled = new SeededRandom(42);
        var plain = new SeededRandom(42);
        for (int round = 0; round < 3; round++)
        {
            int[] items = Enumerable.Range(0, length).ToArray();
            int[] expected = Enumerable.Range(0, length).ToArray();
            shuffled.Shuffle(items.AsSpan());
            for (int i = length - 1; i > 0; i--)
            {
                int j = plain.NextInt(i + 1);
                (expected[i], expected[j]) = (expected[j], expected[i]);
            }

            Assert.Equal(expected, items);
            Assert.Equal(Enumerable.Range(0, length), items.Order());
        }

        Assert.Equal(plain.NextUInt64(), shuffled.NextUInt64());
        if (length == 120)
        {
            int[] once = Enumerable.Range(0, length).ToArray();
            new SeededRandom(42).Shuffle(once.AsSpan());
            Assert.NotEqual(Enumerable.Range(0, length), once); // it does move things
        }
    }
}
